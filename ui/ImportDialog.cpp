#include "ImportDialog.h"

#include "ingest/FormatRegistry.h"
#include "items/BackgroundPool.h"
#include "items/EventColumn.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTableWidget>
#include <QtConcurrent/QtConcurrentRun>
#include <QTimeZone>
#include <QVBoxLayout>

namespace tb {

namespace {

const QString genericCsv = QStringLiteral("generic.csv");
const QString genericJson = QStringLiteral("generic.json");

// The fields the preview shows: what an analyst checks first.
const EventField previewFields[] = {EventField::TimeUtc,     EventField::Host,       EventField::User,
                                    EventField::RuleName,    EventField::TaskName,   EventField::TaskAction,
                                    EventField::ProcessName, EventField::CommandLine};

// A first guess of the field a source column holds, from common spellings.
std::optional<EventField> guessField(const QString &column) {
    const QString c =
        column.toLower().remove(QLatin1Char('_')).remove(QLatin1Char('.')).remove(QLatin1Char(' '));
    if (const auto exact = eventFieldByColumn(column.toLower()))
        return exact;
    static const std::pair<const char *, EventField> aliases[] = {
        {"time", EventField::TimeUtc},
        {"timestamp", EventField::TimeUtc},
        {"eventtime", EventField::TimeUtc},
        {"timegenerated", EventField::TimeUtc},
        {"host", EventField::Host},
        {"hostname", EventField::Host},
        {"computer", EventField::Host},
        {"computername", EventField::Host},
        {"machine", EventField::Host},
        {"devicename", EventField::Host},
        {"dest", EventField::Host},
        {"user", EventField::User},
        {"username", EventField::User},
        {"account", EventField::User},
        {"accountname", EventField::User},
        {"commandline", EventField::CommandLine},
        {"cmdline", EventField::CommandLine},
        {"cmd", EventField::CommandLine},
        {"image", EventField::ProcessImage},
        {"processpath", EventField::ProcessImage},
        {"parentimage", EventField::ParentImage},
        {"rule", EventField::RuleName},
        {"rulename", EventField::RuleName},
        {"alertname", EventField::RuleName},
        {"severity", EventField::Severity},
        {"sev", EventField::Severity},
        {"taskname", EventField::TaskName},
    };
    for (const auto &[alias, field] : aliases) {
        if (c == QLatin1String(alias))
            return field;
    }
    return std::nullopt;
}

} // namespace

QString ImportDialog::profileDirectory() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("mappings"));
}

ImportDialog::ImportDialog(const QString &path, QWidget *parent)
    : QDialog(parent)
    , m_path(path) {
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import %1").arg(QFileInfo(path).fileName()));
    m_detection = ImportPreview::read(path, {}, 0);

    m_detected = new QLabel(this);
    m_detected->setObjectName(QStringLiteral("detectedFormat"));
    m_detected->setWordWrap(true);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("formatChoice"));
    m_format->setAccessibleName(tr("Format"));
    if (m_detection.detected)
        m_format->addItem(tr("As detected: %1").arg(m_detection.formatTitle), QString());
    for (const ImportFormat &format : FormatRegistry::instance().formats()) {
        if (format.id != genericCsv && format.id != genericJson)
            m_format->addItem(format.title, format.id);
    }
    m_format->addItem(tr("CSV with my column mapping"), genericCsv);
    m_format->addItem(tr("JSON with my column mapping"), genericJson);
    if (!m_detection.detected) // nothing recognises it: offer the mapping for its framing
        m_format->setCurrentIndex(
            m_format->findData(m_detection.framing == QLatin1String("json") ? genericJson : genericCsv));

    m_zone = new QComboBox(this);
    m_zone->setAccessibleName(tr("Assumed time zone"));
    m_zone->setToolTip(tr("For exports whose times carry no offset"));
    m_zone->addItem(tr("UTC"), QStringLiteral("UTC"));
    if (const QByteArray local = QTimeZone::systemTimeZoneId(); !local.isEmpty() && local != "UTC")
        m_zone->addItem(tr("This computer's (%1)").arg(QString::fromLatin1(local)),
                        QString::fromLatin1(local));
    for (const char *zone : {"Europe/London", "Europe/Berlin", "America/New_York", "America/Chicago",
                             "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney"})
        m_zone->addItem(QString::fromLatin1(zone), QString::fromLatin1(zone));
    m_ruleName = new QLineEdit(this);
    m_ruleName->setAccessibleName(tr("Rule name for records without one"));
    m_ruleName->setPlaceholderText(tr("only for exports that do not name their rule"));

    auto *form = new QFormLayout;
    form->addRow(tr("Detected:"), m_detected);
    form->addRow(tr("Read as:"), m_format);
    form->addRow(tr("Times without offset are in:"), m_zone);
    form->addRow(tr("Rule name:"), m_ruleName);

    // The mapping editor: one row per source column, the field it goes to.
    m_mappingBox = new QGroupBox(tr("Column mapping"), this);
    m_mapping = new QTableWidget(0, 2, m_mappingBox);
    m_mapping->setObjectName(QStringLiteral("mappingEditor"));
    m_mapping->setAccessibleName(tr("Column mapping"));
    m_mapping->setHorizontalHeaderLabels({tr("Column in the file"), tr("Tunebench field")});
    m_mapping->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_mapping->verticalHeader()->hide();
    m_mapping->verticalHeader()->setDefaultSectionSize(m_mapping->fontMetrics().height() + 10);
    m_profileName = new QLineEdit(m_mappingBox);
    m_profileName->setObjectName(QStringLiteral("profileName"));
    m_profileName->setAccessibleName(tr("Profile name"));
    m_profileName->setText(QFileInfo(path).completeBaseName());
    auto *loadButton = new QPushButton(tr("Load Profile…"), m_mappingBox);
    connect(loadButton, &QPushButton::clicked, this, &ImportDialog::loadProfile);
    auto *applyButton = new QPushButton(tr("Preview with This Mapping"), m_mappingBox);
    connect(applyButton, &QPushButton::clicked, this, &ImportDialog::refresh);
    auto *profileRow = new QHBoxLayout;
    profileRow->addWidget(new QLabel(tr("Saved as profile:"), m_mappingBox));
    profileRow->addWidget(m_profileName, 1);
    profileRow->addWidget(loadButton);
    profileRow->addWidget(applyButton);
    auto *mappingLayout = new QVBoxLayout(m_mappingBox);
    mappingLayout->addWidget(m_mapping);
    mappingLayout->addLayout(profileRow);
    fillMapping(m_detection.sourceColumns);

    auto *previewBox = new QGroupBox(tr("First records, as they will be stored"), this);
    m_preview = new QTableWidget(0, int(std::size(previewFields)), previewBox);
    m_preview->setObjectName(QStringLiteral("importPreview"));
    m_preview->setAccessibleName(tr("Preview of the first records"));
    QStringList titles;
    for (EventField field : previewFields)
        titles << EventColumn::of(field).title();
    m_preview->setHorizontalHeaderLabels(titles);
    m_preview->horizontalHeader()->setStretchLastSection(true);
    m_preview->verticalHeader()->hide();
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->setWordWrap(false);
    m_issues = new QLabel(previewBox);
    m_issues->setWordWrap(true);
    m_issues->setObjectName(QStringLiteral("previewIssues"));
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_preview);
    previewLayout->addWidget(m_issues);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *import = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    import->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_mappingBox, 3);
    layout->addWidget(previewBox, 2);
    layout->addWidget(buttons);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDialog::refresh);
    connect(m_zone, &QComboBox::currentIndexChanged, this, &ImportDialog::refresh);
    resize(980, 680);
    refresh();
}

bool ImportDialog::usesMapping() const {
    const QString id = m_format->currentData().toString();
    return id == genericCsv || id == genericJson;
}

void ImportDialog::fillMapping(const QStringList &columns) {
    m_mapping->setRowCount(int(columns.size()));
    for (int row = 0; row < columns.size(); ++row) {
        auto *source = new QTableWidgetItem(columns[row]);
        source->setFlags(source->flags() & ~Qt::ItemIsEditable);
        m_mapping->setItem(row, 0, source);
        auto *field = new QComboBox(m_mapping);
        field->setAccessibleName(tr("Field for %1").arg(columns[row]));
        field->addItem(tr("— not imported —"), QString());
        for (const EventFieldInfo &info : eventFields())
            field->addItem(QLatin1String(info.column), QLatin1String(info.column));
        if (const auto guess = guessField(columns[row]))
            field->setCurrentIndex(field->findData(eventFieldColumn(*guess)));
        m_mapping->setCellWidget(row, 1, field);
    }
}

MappingProfile ImportDialog::profile() const {
    MappingProfile profile;
    profile.name = m_profileName->text().trimmed().isEmpty() ? QFileInfo(m_path).completeBaseName()
                                                             : m_profileName->text().trimmed();
    profile.framing =
        m_format->currentData().toString() == genericJson ? QStringLiteral("json") : QStringLiteral("csv");
    profile.delimiter = m_detection.delimiter;
    profile.ruleName = m_ruleName->text().trimmed();
    for (int row = 0; row < m_mapping->rowCount(); ++row) {
        const auto *combo = qobject_cast<QComboBox *>(m_mapping->cellWidget(row, 1));
        if (!combo)
            continue;
        if (const auto field = eventFieldByColumn(combo->currentData().toString()))
            profile.columns.append({m_mapping->item(row, 0)->text(), *field});
    }
    return profile;
}

void ImportDialog::loadProfile() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Load Mapping Profile"), profileDirectory(),
                                                      tr("Mapping profiles (*.json)"));
    if (file.isEmpty())
        return;
    MappingProfile loaded;
    QString error;
    if (!MappingProfile::load(file, loaded, &error)) {
        QMessageBox::warning(this, tr("Cannot load the profile"), error);
        return;
    }
    m_profileName->setText(loaded.name);
    m_ruleName->setText(loaded.ruleName);
    for (int row = 0; row < m_mapping->rowCount(); ++row) {
        auto *combo = qobject_cast<QComboBox *>(m_mapping->cellWidget(row, 1));
        combo->setCurrentIndex(0);
        for (const auto &[source, field] : loaded.columns) {
            if (source == m_mapping->item(row, 0)->text())
                combo->setCurrentIndex(combo->findData(eventFieldColumn(field)));
        }
    }
    m_format->setCurrentIndex(
        m_format->findData(loaded.framing == QLatin1String("json") ? genericJson : genericCsv));
    refresh();
}

ImportOptions ImportDialog::options() const {
    ImportOptions options;
    options.formatId = usesMapping() ? QString() : m_format->currentData().toString();
    options.assumedZone = QTimeZone(m_zone->currentData().toString().toLatin1());
    options.ruleName = m_ruleName->text().trimmed();
    return options;
}

void ImportDialog::refresh() {
    m_detected->setText(m_detection.detected
                            ? QStringLiteral("<b>%1</b> <span style='color:gray'>(%2)</span>")
                                  .arg(m_detection.formatTitle.toHtmlEscaped(), m_detection.formatId)
                            : tr("<b>not recognised</b>: map its columns to fields below"));
    if (!m_detection.sourceFiles.isEmpty()) {
        QStringList names;
        for (const QString &log : m_detection.sourceFiles.mid(0, 6))
            names << QFileInfo(log).fileName().toHtmlEscaped();
        const qsizetype more = m_detection.sourceFiles.size() - names.size();
        m_detected->setText(m_detected->text() + QStringLiteral("<br>") + names.join(QStringLiteral(", ")) +
                            (more > 0 ? tr(" and %n more", nullptr, int(more)) : QString()));
    }
    m_mappingBox->setVisible(usesMapping());
    // Read off the UI thread: a damaged .evtx can keep libevtx's process busy for minutes. Only the
    // newest request is shown; an older one that finishes late is dropped.
    const quint64 generation = ++m_previewGeneration;
    m_issues->setText(tr("Reading the first records…"));
    const QString path = m_path;
    const ImportOptions readOptions = options();
    const std::optional<MappingProfile> mapping =
        usesMapping() ? std::optional<MappingProfile>(profile()) : std::nullopt;
    auto *watcher = new QFutureWatcher<ImportPreview>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_previewGeneration)
            showPreview(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(backgroundPool(), [path, readOptions, mapping] {
        return ImportPreview::read(path, readOptions, 20, mapping);
    }));
}

bool ImportDialog::isPreviewPending() const {
    return m_shownGeneration != m_previewGeneration;
}

void ImportDialog::showPreview(const ImportPreview &preview) {
    m_current = preview;
    m_shownGeneration = m_previewGeneration;
    m_preview->setRowCount(int(m_current.events.size()));
    for (int row = 0; row < m_current.events.size(); ++row) {
        for (int c = 0; c < int(std::size(previewFields)); ++c) {
            QString text = m_current.events[row].value(previewFields[c]);
            text.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
            auto *item = new QTableWidgetItem(text);
            item->setToolTip(text);
            m_preview->setItem(row, c, item);
        }
    }
    m_preview->resizeColumnsToContents();
    for (int c = 0; c < m_preview->columnCount(); ++c)
        m_preview->setColumnWidth(c, std::min(m_preview->columnWidth(c), 260));
    QStringList problems;
    if (!m_current.error.isEmpty())
        problems << m_current.error;
    for (const ImportIssue &issue : m_current.issues)
        problems << issue.toString();
    m_issues->setText(problems.isEmpty() ? tr("%n record(s) shown; nothing wrong with them.", nullptr,
                                              int(m_current.events.size()))
                                         : problems.mid(0, 5).join(QLatin1Char('\n')).toHtmlEscaped());
}

std::optional<ImportJob::File> ImportDialog::file(QString *error) {
    ImportJob::File file{m_path, options()};
    if (usesMapping()) {
        const MappingProfile mapping = profile();
        if (mapping.columns.isEmpty()) {
            *error = tr("Map at least one column to a field.");
            return std::nullopt;
        }
        QDir().mkpath(profileDirectory());
        QString name = mapping.name;
        name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
        const QString path = QDir(profileDirectory()).filePath(name + QStringLiteral(".mapping.json"));
        if (!mapping.save(path, error))
            return std::nullopt;
        file.options.mappingPath = path;
    }
    return file;
}

} // namespace tb

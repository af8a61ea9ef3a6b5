#include "ExportDialog.h"

#include "highlight/HighlightedTextView.h"
#include "tuning/export/BackgroundExport.h"
#include "tuning/export/ExporterRegistry.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace tb {

ExportDialog::ExportDialog(const QString &workspacePath, const KnowledgeBase &kb, QWidget *parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export Tuning"));
    m_export = new BackgroundExport(workspacePath, kb, this);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->setAccessibleName(tr("Export format"));
    for (const QString &id : ExporterRegistry::ids()) {
        const auto exporter = ExporterRegistry::create(id);
        m_format->addItem(exporter->title(), id);
        m_format->setItemData(m_format->count() - 1,
                              QStringLiteral("--format %1, .%2").arg(id, exporter->fileSuffix()),
                              Qt::ToolTipRole);
    }
    m_preview = new HighlightedTextView(this);
    m_preview->setObjectName(QStringLiteral("exportPreview"));
    m_preview->setAccessibleName(tr("Export preview"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    auto *hint =
        new QLabel(tr("SIEM artefacts carry the approved, unexpired suppressions; reports list every "
                      "decision."),
                   this);
    hint->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(this);
    m_copy = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    m_copy->setAccessibleName(tr("Copy the export to the clipboard"));
    m_save = buttons->addButton(tr("&Save…"), QDialogButtonBox::ActionRole);
    m_save->setAccessibleName(tr("Save the export to a file"));
    buttons->addButton(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copy, &QPushButton::clicked, this, &ExportDialog::copyToClipboard);
    connect(m_save, &QPushButton::clicked, this, &ExportDialog::chooseFile);

    auto *top = new QHBoxLayout;
    auto *label = new QLabel(tr("&Format:"), this);
    label->setBuddy(m_format);
    top->addWidget(label);
    top->addWidget(m_format, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(hint);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(1000, 700);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::refresh);
    connect(m_export, &BackgroundExport::finished, this,
            [this](const QString &id, const QByteArray &text, const QString &error) {
                if (!error.isEmpty()) {
                    m_text.clear();
                    m_textFormat.clear();
                    m_preview->setText(QString(), QString());
                    m_status->setText(tr("Cannot export: %1").arg(error));
                } else {
                    m_text = text;
                    m_textFormat = id;
                    const auto exporter = ExporterRegistry::create(id);
                    m_preview->setText(QString::fromUtf8(text), exporter->syntaxName());
                    m_status->setText(tr("%L1 bytes").arg(text.size()));
                }
                m_copy->setEnabled(!m_textFormat.isEmpty());
                m_save->setEnabled(!m_textFormat.isEmpty());
                emit previewReady();
            });
    refresh();
}

void ExportDialog::setFormat(const QString &id) {
    const int index = m_format->findData(id);
    if (index >= 0)
        m_format->setCurrentIndex(index);
}

QString ExportDialog::format() const {
    return m_format->currentData().toString();
}

bool ExportDialog::isRunning() const {
    return m_export->isRunning();
}

void ExportDialog::refresh() {
    m_textFormat.clear();
    m_copy->setEnabled(false);
    m_save->setEnabled(false);
    m_status->setText(tr("Writing…"));
    m_export->request(format(), QDateTime::currentDateTimeUtc().date());
}

void ExportDialog::copyToClipboard() {
    if (m_textFormat.isEmpty())
        return;
    QApplication::clipboard()->setText(QString::fromUtf8(m_text));
    m_status->setText(tr("Copied %L1 bytes to the clipboard.").arg(m_text.size()));
}

void ExportDialog::chooseFile() {
    const auto exporter = ExporterRegistry::create(m_textFormat);
    if (!exporter)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Export"),
        QStringLiteral("tunebench-%1.%2").arg(exporter->id(), exporter->fileSuffix()),
        tr("%1 (*.%2);;All files (*)").arg(exporter->title(), exporter->fileSuffix()));
    if (!path.isEmpty())
        saveTo(path);
}

bool ExportDialog::saveTo(const QString &path) {
    if (m_textFormat.isEmpty())
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_text) != m_text.size() || !file.commit()) {
        m_status->setText(tr("Cannot save %1: %2").arg(path, file.errorString()));
        return false;
    }
    m_status->setText(tr("Saved %1.").arg(path));
    return true;
}

} // namespace tb

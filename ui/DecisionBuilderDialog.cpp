#include "DecisionBuilderDialog.h"

#include "audit/AuditLog.h"
#include "ImpactPreviewWidget.h"
#include "ingest/NormalizedEvent.h"
#include "knowledge/KnowledgeBase.h"
#include "tuning/DecisionImpactPreview.h"
#include "tuning/DecisionValidator.h"
#include "workspace/EventDetail.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace tb {

namespace {

using Kind = FieldPredicate::Kind;

// The operators offered, in order. "wildcard" is equality with '*' and '?' globs (the condition
// language's values are globs); "equals" is the same predicate, named for an exact value.
struct OperatorChoice {
    const char *name;
    Kind kind;
};
constexpr OperatorChoice operators[] = {
    {QT_TRANSLATE_NOOP("tb::DecisionBuilderDialog", "equals"), Kind::Equals},
    {QT_TRANSLATE_NOOP("tb::DecisionBuilderDialog", "wildcard"), Kind::Equals},
    {QT_TRANSLATE_NOOP("tb::DecisionBuilderDialog", "contains"), Kind::Contains},
    {QT_TRANSLATE_NOOP("tb::DecisionBuilderDialog", "starts with"), Kind::StartsWith},
    {QT_TRANSLATE_NOOP("tb::DecisionBuilderDialog", "ends with"), Kind::EndsWith},
    {QT_TRANSLATE_NOOP("tb::DecisionBuilderDialog", "regex"), Kind::Regex},
    {QT_TRANSLATE_NOOP("tb::DecisionBuilderDialog", "CIDR"), Kind::Cidr},
};
constexpr int EqualsChoice = 0;
constexpr int WildcardChoice = 1;

QStringList splitList(const QString &text) {
    QStringList items;
    for (const QString &item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!item.trimmed().isEmpty())
            items << item.trimmed();
    }
    return items;
}

} // namespace

DecisionBuilderDialog::DecisionBuilderDialog(const EventDetail &event, const QString &workspacePath,
                                             const KnowledgeBase &kb, QWidget *parent)
    : QDialog(parent)
    , m_kb(kb)
    , m_eventId(event.id)
    , m_event(std::make_unique<NormalizedEvent>(DecisionDraft::eventFromFields(event.fields))) {
    setObjectName(QStringLiteral("decisionBuilder"));
    setWindowTitle(tr("Tune the Rule from Event %1").arg(event.id));
    m_preview = new DecisionImpactPreview(workspacePath, kb, this);
    m_pause = new QTimer(this);
    m_pause->setSingleShot(true);
    m_pause->setInterval(PreviewPauseMs);
    connect(m_pause, &QTimer::timeout, this, &DecisionBuilderDialog::previewNow);

    m_note = new QComboBox(this);
    m_note->setObjectName(QStringLiteral("decisionNote"));
    m_note->setAccessibleName(tr("Explanation that justifies the decision"));
    m_note->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_note->setMinimumContentsLength(40);
    int rank = 0;
    QStringList offered;
    for (const EventDetail::RankedNote &note : event.notes) {
        m_note->addItem(tr("%1. %2 (%3)").arg(++rank).arg(note.text.left(90), note.noteId), note.noteId);
        m_note->setItemData(m_note->count() - 1, note.text, Qt::ToolTipRole);
        offered << note.noteId;
    }
    if (m_note->count() > 0)
        m_note->insertSeparator(m_note->count());
    for (const Note &note : kb.notes()) {
        if (offered.contains(note.id))
            continue;
        m_note->addItem(QStringLiteral("%1: %2").arg(note.id, note.text.left(90)), note.id);
        m_note->setItemData(m_note->count() - 1, note.text, Qt::ToolTipRole);
    }

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *noteRow = new QHBoxLayout;
    auto *noteLabel = new QLabel(tr("&Because of:"), left);
    noteLabel->setBuddy(m_note);
    noteRow->addWidget(noteLabel);
    noteRow->addWidget(m_note, 1);
    leftLayout->addLayout(noteRow);
    leftLayout->addWidget(buildFieldsBox(), 3);
    leftLayout->addWidget(buildDecisionBox(), 2);

    auto *impactBox = new QGroupBox(tr("Impact"), this);
    m_impact = new ImpactPreviewWidget(impactBox);
    auto *impactLayout = new QVBoxLayout(impactBox);
    impactLayout->addWidget(m_impact);
    connect(m_preview, &DecisionImpactPreview::ready, this, [this](const DecisionImpactReport &report) {
        m_impact->showReport(report);
        updateButtons();
    });
    connect(m_impact, &ImpactPreviewWidget::showInTableRequested, this, [this] {
        const Decision d = decision();
        m_preview->requestEventIds(d.condition, d.scope);
    });
    connect(m_preview, &DecisionImpactPreview::eventIdsReady, this,
            &DecisionBuilderDialog::showEventsRequested);
    connect(m_preview, &DecisionImpactPreview::eventIdsFailed, this, &DecisionBuilderDialog::saveFailed);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(impactBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("decisionProblem"));
    m_problemLabel->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(tr("&Save as Proposed"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveDecision"));
    m_save->setAccessibleName(tr("Save the decision as proposed"));
    m_approve = buttons->addButton(tr("Save and &Approve"), QDialogButtonBox::ApplyRole);
    m_approve->setObjectName(QStringLiteral("approveDecision"));
    m_approve->setAccessibleName(tr("Save and approve the decision"));
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setAccessibleName(tr("Close without saving"));
    m_save->setDefault(true);
    connect(m_save, &QPushButton::clicked, this, [this] { emit saveRequested(decision(), false); });
    connect(m_approve, &QPushButton::clicked, this, [this] { emit saveRequested(decision(), true); });
    connect(close, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_problemLabel);
    layout->addWidget(buttons);
    resize(1240, 780);

    connect(m_note, &QComboBox::currentIndexChanged, this, [this] { fillFields(); });
    fillFields();
}

DecisionBuilderDialog::~DecisionBuilderDialog() = default;

QWidget *DecisionBuilderDialog::buildFieldsBox() {
    auto *box = new QGroupBox(tr("Condition: every ticked field must match"), this);
    m_fields = new QTableWidget(0, 3, box);
    m_fields->setObjectName(QStringLiteral("decisionFields"));
    m_fields->setAccessibleName(tr("Event fields for the condition"));
    m_fields->setHorizontalHeaderLabels({tr("Field"), tr("Operator"), tr("Value")});
    m_fields->verticalHeader()->hide();
    m_fields->setSelectionMode(QAbstractItemView::NoSelection);
    m_fields->horizontalHeader()->setSectionResizeMode(FieldColumn, QHeaderView::ResizeToContents);
    m_fields->horizontalHeader()->setSectionResizeMode(OperatorColumn, QHeaderView::ResizeToContents);
    m_fields->horizontalHeader()->setStretchLastSection(true);
    connect(m_fields, &QTableWidget::itemChanged, this, [this] { conditionEdited(); });
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_fields);
    return box;
}

QWidget *DecisionBuilderDialog::buildDecisionBox() {
    auto *box = new QGroupBox(tr("Decision"), this);
    m_rules = new QListWidget(box);
    m_rules->setObjectName(QStringLiteral("decisionRules"));
    m_rules->setAccessibleName(tr("Rules the decision tunes"));
    m_rules->setMaximumHeight(fontMetrics().height() * 5);
    m_hosts = new QLineEdit(box);
    m_hosts->setObjectName(QStringLiteral("decisionHosts"));
    m_hosts->setAccessibleName(tr("Hosts the decision applies to"));
    m_hosts->setPlaceholderText(tr("every host (or names and globs, comma-separated)"));
    m_action = new QComboBox(box);
    m_action->setAccessibleName(tr("Action"));
    m_action->addItem(tr("Suppress"), int(DecisionAction::Suppress));
    m_action->addItem(tr("Lower the severity"), int(DecisionAction::LowerSeverity));
    m_verdict = new QComboBox(box);
    m_verdict->setAccessibleName(tr("What the events are"));
    m_verdict->addItem(tr("False positive"), int(DecisionVerdict::FalsePositive));
    m_verdict->addItem(tr("Benign true positive"), int(DecisionVerdict::BenignTruePositive));
    m_title = new QLineEdit(box);
    m_title->setObjectName(QStringLiteral("decisionTitle"));
    m_title->setAccessibleName(tr("Title"));
    m_rationale = new QPlainTextEdit(box);
    m_rationale->setObjectName(QStringLiteral("decisionRationale"));
    m_rationale->setAccessibleName(tr("Rationale"));
    m_rationale->setPlaceholderText(tr("Why these events are benign, in your words"));
    m_rationale->setMaximumHeight(fontMetrics().height() * 4);
    m_expires = new QCheckBox(tr("Expires on"), box);
    m_expires->setChecked(true);
    m_expiryDate = new QDateEdit(QDateTime::currentDateTimeUtc().date().addDays(90), box);
    m_expiryDate->setAccessibleName(tr("Expiry date"));
    m_expiryDate->setCalendarPopup(true);
    m_review = new QCheckBox(tr("Review on"), box);
    m_reviewDate = new QDateEdit(QDateTime::currentDateTimeUtc().date().addDays(30), box);
    m_reviewDate->setAccessibleName(tr("Review date"));
    m_reviewDate->setCalendarPopup(true);
    m_reviewDate->setEnabled(false);
    connect(m_expires, &QCheckBox::toggled, m_expiryDate, &QWidget::setEnabled);
    connect(m_review, &QCheckBox::toggled, m_reviewDate, &QWidget::setEnabled);
    m_author = new QLineEdit(AuditLog::currentActor(), box);
    m_author->setObjectName(QStringLiteral("decisionAuthor"));
    m_author->setAccessibleName(tr("Author"));

    auto *actionRow = new QHBoxLayout;
    actionRow->addWidget(m_action);
    actionRow->addWidget(new QLabel(tr("as"), box));
    actionRow->addWidget(m_verdict, 1);
    auto *dates = new QHBoxLayout;
    dates->addWidget(m_expires);
    dates->addWidget(m_expiryDate);
    dates->addSpacing(12);
    dates->addWidget(m_review);
    dates->addWidget(m_reviewDate);
    dates->addStretch(1);
    auto *form = new QFormLayout(box);
    form->addRow(tr("&Rules:"), m_rules);
    form->addRow(tr("&Hosts:"), m_hosts);
    form->addRow(tr("Action:"), actionRow);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("Rat&ionale:"), m_rationale);
    form->addRow(tr("Dates:"), dates);
    form->addRow(tr("A&uthor:"), m_author);

    // What selects events (rules, hosts) is counted again; the rest is only checked.
    connect(m_hosts, &QLineEdit::textChanged, this, [this] { conditionEdited(); });
    connect(m_rules, &QListWidget::itemChanged, this, [this] { conditionEdited(); });
    for (QLineEdit *edit : {m_title, m_author})
        connect(edit, &QLineEdit::textChanged, this, [this] { validate(); });
    connect(m_rationale, &QPlainTextEdit::textChanged, this, [this] { validate(); });
    for (QComboBox *combo : {m_action, m_verdict})
        connect(combo, &QComboBox::currentIndexChanged, this, [this] { validate(); });
    for (QCheckBox *check : {m_expires, m_review})
        connect(check, &QCheckBox::toggled, this, [this] { validate(); });
    for (QDateEdit *date : {m_expiryDate, m_reviewDate})
        connect(date, &QDateEdit::dateChanged, this, [this] { validate(); });
    return box;
}

void DecisionBuilderDialog::setNote(const QString &noteId) {
    const int index = m_note->findData(noteId);
    if (index >= 0)
        m_note->setCurrentIndex(index);
}

QString DecisionBuilderDialog::noteId() const {
    return m_note->currentData().toString();
}

void DecisionBuilderDialog::fillFields() {
    m_filling = true;
    const QString note = noteId();
    m_proposals = DecisionDraft::fields(*m_event, note, m_kb);
    const Decision draft = DecisionDraft::draft(*m_event, note, m_kb);
    m_fields->setRowCount(0);
    m_fields->setRowCount(int(m_proposals.size()));
    for (int row = 0; row < m_proposals.size(); ++row) {
        const FieldProposal &p = m_proposals[row];
        auto *item = new QTableWidgetItem(eventFieldColumn(p.field));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(p.proposed ? Qt::Checked : Qt::Unchecked);
        if (p.proposed) {
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
            item->setToolTip(tr("Proposed by the explanation: %1").arg(p.why));
        }
        m_fields->setItem(row, FieldColumn, item);

        auto *op = new QComboBox(m_fields);
        op->setAccessibleName(tr("Operator for %1").arg(eventFieldColumn(p.field)));
        for (const OperatorChoice &choice : operators)
            op->addItem(tr(choice.name), int(choice.kind));
        op->setCurrentIndex(p.suggested == p.literal ? EqualsChoice : WildcardChoice);
        m_fields->setCellWidget(row, OperatorColumn, op);

        auto *value = new QComboBox(m_fields);
        value->setEditable(true);
        value->setInsertPolicy(QComboBox::NoInsert);
        value->setAccessibleName(tr("Value for %1").arg(eventFieldColumn(p.field)));
        value->addItem(p.literal);
        value->setItemData(0, tr("Exactly the event's value"), Qt::ToolTipRole);
        for (const Generalization &g : p.generalizations) {
            value->addItem(g.value);
            value->setItemData(value->count() - 1, g.description, Qt::ToolTipRole);
        }
        value->setCurrentIndex(
            std::max(0, value->findText(p.suggested, Qt::MatchFixedString | Qt::MatchCaseSensitive)));
        m_fields->setCellWidget(row, ValueColumn, value);

        connect(op, &QComboBox::currentIndexChanged, this, [this] { conditionEdited(); });
        connect(value, &QComboBox::currentIndexChanged, this, [op](int index) {
            // A generalization is a glob: say so; back to the event's own value, say "equals".
            if (op->currentIndex() == EqualsChoice || op->currentIndex() == WildcardChoice)
                op->setCurrentIndex(index > 0 ? WildcardChoice : EqualsChoice);
        });
        connect(value, &QComboBox::editTextChanged, this, [this] { conditionEdited(); });
    }
    m_fields->resizeColumnsToContents();

    // Rules: the draft's first and ticked, then the note's, then the rest of the catalog.
    QStringList order = draft.scope.ruleIds;
    if (const Note *n = m_kb.note(note))
        for (const QString &id : n->rules)
            if (!order.contains(id))
                order << id;
    for (const Rule &rule : m_kb.rules())
        if (!order.contains(rule.id))
            order << rule.id;
    m_rules->clear();
    for (const QString &id : std::as_const(order)) {
        const Rule *rule = m_kb.rule(id);
        auto *item =
            new QListWidgetItem(rule ? QStringLiteral("%1  (%2)").arg(rule->title, id) : id, m_rules);
        item->setData(Qt::UserRole, id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(draft.scope.ruleIds.contains(id) ? Qt::Checked : Qt::Unchecked);
    }
    m_title->setText(draft.title);
    m_title->setCursorPosition(0);
    m_filling = false;
    conditionEdited();
}

int DecisionBuilderDialog::rowOf(EventField field) const {
    for (int row = 0; row < m_proposals.size(); ++row) {
        if (m_proposals[row].field == field)
            return row;
    }
    return -1;
}

FieldPredicate::Kind DecisionBuilderDialog::kindAt(int row) const {
    const auto *op = qobject_cast<QComboBox *>(m_fields->cellWidget(row, OperatorColumn));
    return op ? Kind(op->currentData().toInt()) : Kind::Equals;
}

QString DecisionBuilderDialog::valueAt(int row) const {
    const auto *value = qobject_cast<QComboBox *>(m_fields->cellWidget(row, ValueColumn));
    return value ? value->currentText() : QString();
}

bool DecisionBuilderDialog::setFieldTicked(EventField field, bool ticked) {
    const int row = rowOf(field);
    if (row < 0)
        return false;
    m_fields->item(row, FieldColumn)->setCheckState(ticked ? Qt::Checked : Qt::Unchecked);
    return true;
}

bool DecisionBuilderDialog::setRuleTicked(const QString &ruleId, bool ticked) {
    for (int i = 0; i < m_rules->count(); ++i) {
        if (m_rules->item(i)->data(Qt::UserRole).toString() == ruleId) {
            m_rules->item(i)->setCheckState(ticked ? Qt::Checked : Qt::Unchecked);
            return true;
        }
    }
    return false;
}

bool DecisionBuilderDialog::isFieldTicked(EventField field) const {
    const int row = rowOf(field);
    return row >= 0 && m_fields->item(row, FieldColumn)->checkState() == Qt::Checked;
}

bool DecisionBuilderDialog::setFieldValue(EventField field, const QString &value) {
    const int row = rowOf(field);
    auto *combo = row < 0 ? nullptr : qobject_cast<QComboBox *>(m_fields->cellWidget(row, ValueColumn));
    if (!combo)
        return false;
    combo->setEditText(value);
    return true;
}

bool DecisionBuilderDialog::setFieldOperator(EventField field, FieldPredicate::Kind kind) {
    const int row = rowOf(field);
    auto *combo = row < 0 ? nullptr : qobject_cast<QComboBox *>(m_fields->cellWidget(row, OperatorColumn));
    if (!combo)
        return false;
    combo->setCurrentIndex(combo->findData(int(kind)));
    return true;
}

Decision DecisionBuilderDialog::decision() const {
    Decision d;
    d.title = m_title->text().trimmed();
    for (int row = 0; row < m_proposals.size(); ++row) {
        if (m_fields->item(row, FieldColumn)->checkState() != Qt::Checked)
            continue;
        FieldPredicate predicate;
        predicate.field = m_proposals[row].field;
        predicate.kind = kindAt(row);
        predicate.values = {valueAt(row)};
        d.condition.match.append(predicate);
    }
    for (int i = 0; i < m_rules->count(); ++i) {
        if (m_rules->item(i)->checkState() == Qt::Checked)
            d.scope.ruleIds << m_rules->item(i)->data(Qt::UserRole).toString();
    }
    d.scope.hosts = splitList(m_hosts->text());
    d.action = DecisionAction(m_action->currentData().toInt());
    d.verdict = DecisionVerdict(m_verdict->currentData().toInt());
    d.noteId = noteId();
    d.rationale = m_rationale->toPlainText().trimmed();
    d.author = m_author->text().trimmed();
    if (m_expires->isChecked())
        d.expiresAt = m_expiryDate->date();
    if (m_review->isChecked())
        d.reviewAt = m_reviewDate->date();
    return d;
}

void DecisionBuilderDialog::conditionEdited() {
    if (m_filling)
        return;
    m_pause->start();
    validate();
}

void DecisionBuilderDialog::validate() {
    if (m_filling)
        return;
    const Decision d = decision();
    m_problem = d.condition.isEmpty()
                    ? tr("Tick at least one field.")
                    : DecisionValidator(m_kb).problem(d, QDateTime::currentDateTimeUtc().date());
    updateButtons();
}

void DecisionBuilderDialog::refreshPreview() {
    m_pause->stop();
    previewNow();
}

void DecisionBuilderDialog::previewNow() {
    const Decision d = decision();
    if (d.condition.isEmpty()) {
        m_impact->showMessage(tr("Tick at least one field to see the events the decision would suppress."));
    } else {
        m_impact->showCounting();
        m_preview->request(d.condition, d.scope);
    }
    updateButtons();
}

bool DecisionBuilderDialog::isPreviewPending() const {
    return m_pause->isActive() || m_preview->isRunning();
}

void DecisionBuilderDialog::updateButtons() {
    QString problem = m_problem;
    if (problem.isEmpty() && m_author->text().trimmed().isEmpty())
        problem = tr("Name the author.");
    const bool storable = problem.isEmpty();
    m_save->setEnabled(storable);
    // Approval waits for a count, and is refused while it would hide a true positive.
    m_approve->setEnabled(storable && !isPreviewPending() && m_impact->matched() >= 0 &&
                          !m_impact->isBlocked());
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
}

void DecisionBuilderDialog::saveFailed(const QString &error) {
    m_problemLabel->setText(error);
    m_problemLabel->setVisible(true);
}

} // namespace tb

#pragma once

#include "condition/Condition.h"
#include "tuning/Decision.h"
#include "tuning/DecisionDraft.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTimer;

namespace tb {

class DecisionImpactPreview;
class ImpactPreviewWidget;
class KnowledgeBase;
struct EventDetail;
struct NormalizedEvent;

// Builds a tuning decision from one event: the event's fields with a tick, an operator and a value
// that offers ValueGeneralizer's safe generalizations, pre-ticked with what the chosen explanation
// proposes (DecisionDraft); the rules and hosts it tunes, its action, verdict, note, rationale,
// dates and author. The impact preview follows every edit (debounced, counted off the UI thread);
// saving emits saveRequested and the owner stores it (TuningController).
class DecisionBuilderDialog final : public QDialog {
    Q_OBJECT
public:
    // The field table's columns.
    enum Column { FieldColumn, OperatorColumn, ValueColumn };
    static constexpr int PreviewPauseMs = 300;

    DecisionBuilderDialog(const EventDetail &event, const QString &workspacePath, const KnowledgeBase &kb,
                          QWidget *parent = nullptr);
    ~DecisionBuilderDialog() override;

    qint64 eventId() const { return m_eventId; }
    // The decision the controls describe (id 0, proposed).
    Decision decision() const;

    // The explanation whose theme proposes the fields; re-proposes them.
    void setNote(const QString &noteId);
    QString noteId() const;
    // Field rows, for the keyboard-free paths of tests and the screenshot tool; false when the event
    // has no such field.
    bool setFieldTicked(EventField field, bool ticked);
    bool setFieldValue(EventField field, const QString &value);
    bool setFieldOperator(EventField field, FieldPredicate::Kind kind);
    bool isFieldTicked(EventField field) const;
    // A catalog rule in the scope; false when the catalog has no such rule.
    bool setRuleTicked(const QString &ruleId, bool ticked);
    // Asks for a preview now instead of after the pause.
    void refreshPreview();
    // The owner's answer to saveRequested: an error keeps the dialog open with the reason (also used
    // when the matched events cannot be listed).
    void saveFailed(const QString &error);

    QTableWidget *fieldTable() const { return m_fields; }
    ImpactPreviewWidget *impact() const { return m_impact; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *approveButton() const { return m_approve; }
    QLineEdit *authorEdit() const { return m_author; }
    QPlainTextEdit *rationaleEdit() const { return m_rationale; }
    bool isPreviewPending() const;

signals:
    void saveRequested(const tb::Decision &decision, bool approve);
    // The matched events for the table: the first DecisionImpactPreview::MaxEventIds when `truncated`.
    void showEventsRequested(const QList<qint64> &eventIds, bool truncated);

private:
    QWidget *buildFieldsBox();
    QWidget *buildDecisionBox();
    void fillFields();
    int rowOf(EventField field) const;
    FieldPredicate::Kind kindAt(int row) const;
    QString valueAt(int row) const;
    void conditionEdited(); // the events it selects changed: count again after a pause
    void validate();        // anything changed: check it and update the buttons
    void previewNow();
    void updateButtons();

    const KnowledgeBase &m_kb;
    qint64 m_eventId = 0;
    std::unique_ptr<NormalizedEvent> m_event;
    QList<FieldProposal> m_proposals;
    DecisionImpactPreview *m_preview = nullptr;
    QTimer *m_pause = nullptr;
    QString m_problem; // why the decision cannot be saved; empty when it can
    bool m_filling = false;

    QComboBox *m_note = nullptr;
    QTableWidget *m_fields = nullptr;
    QListWidget *m_rules = nullptr;
    QLineEdit *m_hosts = nullptr;
    QComboBox *m_action = nullptr;
    QComboBox *m_verdict = nullptr;
    QLineEdit *m_title = nullptr;
    QPlainTextEdit *m_rationale = nullptr;
    QCheckBox *m_expires = nullptr;
    QDateEdit *m_expiryDate = nullptr;
    QCheckBox *m_review = nullptr;
    QDateEdit *m_reviewDate = nullptr;
    QLineEdit *m_author = nullptr;
    QLabel *m_problemLabel = nullptr;
    ImpactPreviewWidget *m_impact = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_approve = nullptr;
};

} // namespace tb

#pragma once

#include "tuning/Decision.h"

#include <QDialog>

#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace tb {

class BackgroundDecisionChange;
class Database;
class DecisionListModel;
class DecisionStore;
class KnowledgeBase;

// The workspace's tuning decisions: the list, the selected one's condition and audit history, and
// the review buttons (approve, reject, retire) with the reviewer's name and reason. Every change
// goes through DecisionStore, which audits it and refuses to approve a decision that would hide a
// true positive; the refusal shows under the list.
class DecisionsDialog final : public QDialog {
    Q_OBJECT
public:
    DecisionsDialog(Database &db, const KnowledgeBase &kb, QWidget *parent = nullptr);
    ~DecisionsDialog() override;

    bool reload();
    void select(qint64 decisionId);
    qint64 selectedId() const;
    // Starts changing the selected decision's status in the background (approving counts its impact
    // and suppresses its events); a refusal is shown under the list. False when nothing started.
    bool changeStatus(DecisionStatus status);
    bool isChanging() const;

    QTableView *view() const { return m_view; }
    DecisionListModel *model() const { return m_model; }
    QTextBrowser *details() const { return m_details; }
    QLabel *errorLabel() const { return m_error; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }
    QPushButton *retireButton() const { return m_retire; }

signals:
    void decisionsChanged();

private:
    void showSelected();
    void changed(qint64 decisionId, const QString &error);

    Database &m_db;
    std::unique_ptr<DecisionStore> m_store;
    std::unique_ptr<BackgroundDecisionChange> m_change;
    DecisionListModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QTextBrowser *m_details = nullptr;
    QLineEdit *m_reviewer = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_approve = nullptr;
    QPushButton *m_reject = nullptr;
    QPushButton *m_retire = nullptr;
};

} // namespace tb

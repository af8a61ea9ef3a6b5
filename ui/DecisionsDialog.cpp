#include "DecisionsDialog.h"

#include "audit/AuditLog.h"
#include "items/DecisionListModel.h"
#include "store/Database.h"
#include "store/StoreError.h"
#include "tuning/BackgroundDecisionChange.h"
#include "tuning/DecisionStore.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace tb {

DecisionsDialog::DecisionsDialog(Database &db, const KnowledgeBase &kb, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_store(std::make_unique<DecisionStore>(db, kb))
    , m_change(std::make_unique<BackgroundDecisionChange>(db.path(), kb)) {
    connect(m_change.get(), &BackgroundDecisionChange::finished, this, &DecisionsDialog::changed);
    setObjectName(QStringLiteral("decisionsDialog"));
    setWindowTitle(tr("Tuning Decisions"));
    m_model = new DecisionListModel(*m_store, this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("decisionsView"));
    m_view->setAccessibleName(tr("Tuning decisions"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_details = new QTextBrowser(this);
    m_details->setObjectName(QStringLiteral("decisionHistory"));
    m_details->setAccessibleName(tr("The decision's condition and audit history"));

    m_reviewer = new QLineEdit(AuditLog::currentActor(), this);
    m_reviewer->setAccessibleName(tr("Reviewer"));
    m_reason = new QLineEdit(this);
    m_reason->setAccessibleName(tr("Reason for the change"));
    m_reason->setPlaceholderText(tr("Reason (kept in the audit log)"));
    m_approve = new QPushButton(tr("&Approve"), this);
    m_approve->setObjectName(QStringLiteral("approve"));
    m_approve->setAccessibleName(tr("Approve the selected decision"));
    m_reject = new QPushButton(tr("&Reject"), this);
    m_reject->setObjectName(QStringLiteral("reject"));
    m_reject->setAccessibleName(tr("Reject the selected decision"));
    m_retire = new QPushButton(tr("Re&tire"), this);
    m_retire->setObjectName(QStringLiteral("retire"));
    m_retire->setAccessibleName(tr("Retire the selected decision"));
    connect(m_approve, &QPushButton::clicked, this, [this] { changeStatus(DecisionStatus::Approved); });
    connect(m_reject, &QPushButton::clicked, this, [this] { changeStatus(DecisionStatus::Rejected); });
    connect(m_retire, &QPushButton::clicked, this, [this] { changeStatus(DecisionStatus::Retired); });
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("decisionsError"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *review = new QHBoxLayout;
    review->addWidget(new QLabel(tr("Reviewer:"), this));
    review->addWidget(m_reviewer);
    review->addWidget(m_reason, 1);
    review->addWidget(m_approve);
    review->addWidget(m_reject);
    review->addWidget(m_retire);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_error);
    layout->addLayout(review);
    layout->addWidget(buttons);
    resize(1100, 640);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DecisionsDialog::showSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DecisionsDialog::showSelected);
    reload();
}

DecisionsDialog::~DecisionsDialog() = default;

bool DecisionsDialog::reload() {
    const qint64 selected = selectedId();
    if (!m_model->reload()) {
        m_error->setText(m_model->errorString());
        m_error->show();
        return false;
    }
    m_view->resizeColumnsToContents();
    m_view->setColumnWidth(DecisionListModel::Title,
                           std::min(m_view->columnWidth(DecisionListModel::Title), 420));
    if (selected > 0)
        select(selected);
    else if (m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0, 0));
    return true;
}

void DecisionsDialog::select(qint64 decisionId) {
    const int row = m_model->rowOf(decisionId);
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row, 0));
}

qint64 DecisionsDialog::selectedId() const {
    const Decision *d = m_model->decisionAt(m_view->currentIndex().row());
    return d ? d->id : 0;
}

bool DecisionsDialog::changeStatus(DecisionStatus status) {
    const qint64 id = selectedId();
    if (id <= 0 || !m_change->setStatus(id, status, m_reviewer->text().trimmed(), m_reason->text().trimmed()))
        return false;
    for (QPushButton *button : {m_approve, m_reject, m_retire})
        button->setEnabled(false);
    m_error->setText(tr("Decision %1: saving… (after the import, if one is running)").arg(id));
    m_error->show();
    return true;
}

bool DecisionsDialog::isChanging() const {
    return m_change->isRunning();
}

void DecisionsDialog::changed(qint64 decisionId, const QString &error) {
    if (!error.isEmpty()) {
        m_error->setText(tr("Decision %1: %2").arg(decisionId).arg(error));
        m_error->show();
        showSelected(); // the buttons as the decision still is
        return;
    }
    m_error->hide();
    m_reason->clear();
    reload();
    select(decisionId);
    emit decisionsChanged();
}

void DecisionsDialog::showSelected() {
    const Decision *d = m_model->decisionAt(m_view->currentIndex().row());
    const DecisionStatus status = d ? d->status : DecisionStatus::Retired;
    m_approve->setEnabled(d && DecisionStore::isAllowedTransition(status, DecisionStatus::Approved));
    m_reject->setEnabled(d && DecisionStore::isAllowedTransition(status, DecisionStatus::Rejected));
    m_retire->setEnabled(d && DecisionStore::isAllowedTransition(status, DecisionStatus::Retired));
    if (!d) {
        m_details->setHtml(tr("<p>No decision yet: build one from an event with <b>Tune…</b>.</p>"));
        return;
    }
    QString html = QStringLiteral("<h3>%1</h3>").arg(d->title.toHtmlEscaped());
    html += tr("<p><b>Condition</b></p><pre>%1</pre>").arg(d->condition.toText().toHtmlEscaped());
    if (!d->rationale.isEmpty())
        html += tr("<p><b>Rationale:</b> %1</p>").arg(d->rationale.toHtmlEscaped());
    html += tr("<p><b>History</b></p><ul>");
    try {
        for (const AuditEntry &e :
             AuditLog(m_db).entries(QStringLiteral("decision"), 200, QString::number(d->id))) {
            html += tr("<li>%1 — <b>%2</b> by %3%4</li>")
                        .arg(e.at.toString(Qt::ISODate), e.action.toHtmlEscaped(), e.actor.toHtmlEscaped(),
                             e.why.isEmpty() ? QString() : QStringLiteral(": ") + e.why.toHtmlEscaped());
        }
    } catch (const StoreError &error) {
        html += QStringLiteral("<li>%1</li>").arg(error.message().toHtmlEscaped());
    }
    html += QStringLiteral("</ul>");
    m_details->setHtml(html);
}

} // namespace tb

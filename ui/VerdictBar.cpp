#include "VerdictBar.h"

#include "TriageController.h"
#include "workspace/EventDetail.h"

#include <QAction>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>

namespace tb {

VerdictBar::VerdictBar(TriageController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller) {
    setObjectName(QStringLiteral("verdictBar"));
    auto *verdicts = new QHBoxLayout;
    verdicts->setSpacing(2);
    auto *moves = new QHBoxLayout;
    moves->setSpacing(2);
    auto button = [this](QHBoxLayout *row, QAction *action, const QString &label) {
        // The button shows the action's icon text: short, with its key.
        action->setIconText(label);
        auto *b = new QToolButton(this);
        b->setDefaultAction(action);
        b->setAccessibleName(action->text());
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        row->addWidget(b);
        return b;
    };
    button(verdicts, controller->markAction(Verdict::TruePositive), tr("True pos. (T)"));
    button(verdicts, controller->markAction(Verdict::BenignTruePositive), tr("Benign (B)"));
    button(verdicts, controller->markAction(Verdict::FalsePositive), tr("False pos. (F)"));
    button(verdicts, controller->markAction(Verdict::NeedsEscalation), tr("Escalate (E)"));
    button(verdicts, controller->clearAction(), tr("Clear (U)"));
    verdicts->addStretch(1);
    auto *allLike = new QToolButton(this);
    allLike->setText(tr("All like this…"));
    allLike->setAccessibleName(tr("Mark all events like this"));
    allLike->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(allLike);
    for (Verdict verdict : allVerdicts)
        menu->addAction(controller->markAllLikeThisAction(verdict));
    allLike->setMenu(menu);
    moves->addWidget(allLike);
    m_moves = moves;
    moves->addStretch(1);
    button(moves, controller->previousUnreviewedAction(), tr("◀ Unreviewed (P)"));
    button(moves, controller->nextUnreviewedAction(), tr("Unreviewed (N) ▶"));

    m_justification = new QComboBox(this);
    m_justification->setObjectName(QStringLiteral("justification"));
    m_justification->setAccessibleName(tr("Justified by"));
    m_justification->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_justification->setMinimumContentsLength(20);
    connect(m_justification, &QComboBox::currentIndexChanged, this,
            [this] { m_controller->setJustification(m_justification->currentData().toString()); });
    m_comment = new QLineEdit(this);
    m_comment->setObjectName(QStringLiteral("verdictComment"));
    m_comment->setAccessibleName(tr("Verdict comment"));
    m_comment->setPlaceholderText(tr("Comment for the next verdict"));
    connect(m_comment, &QLineEdit::textChanged, controller, &TriageController::setComment);
    connect(controller, &TriageController::verdictsChanged, m_comment, &QLineEdit::clear);

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->addLayout(verdicts, 0, 0, 1, 2);
    grid->addWidget(new QLabel(tr("Justified by:"), this), 1, 0);
    grid->addWidget(m_justification, 1, 1);
    grid->addWidget(new QLabel(tr("Comment:"), this), 2, 0);
    grid->addWidget(m_comment, 2, 1);
    grid->addLayout(moves, 3, 0, 1, 2);
    grid->setColumnStretch(1, 1);
    showEvent(nullptr);
}

void VerdictBar::addMoveButton(QAction *action) {
    auto *b = new QToolButton(this);
    b->setDefaultAction(action);
    b->setAccessibleName(action->text());
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_moves->insertWidget(1, b);
}

void VerdictBar::showEvent(const EventDetail *detail) {
    const QSignalBlocker blocker(m_justification);
    m_justification->clear();
    m_justification->addItem(tr("its top explanation"), QString());
    if (detail) {
        int rank = 0;
        for (const EventDetail::RankedNote &note : detail->notes) {
            const QString text = note.text.size() > 90 ? note.text.left(89) + QChar(0x2026) : note.text;
            m_justification->addItem(QStringLiteral("%1. %2").arg(++rank).arg(text), note.noteId);
            m_justification->setItemData(m_justification->count() - 1, note.text, Qt::ToolTipRole);
        }
    }
    m_controller->setJustification(QString());
}

} // namespace tb

#include "WelcomeBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QToolButton>

namespace tb {

namespace {
const QString dismissedKey = QStringLiteral("welcome/dismissed");
}

WelcomeBanner::WelcomeBanner(QWidget *parent)
    : QFrame(parent) {
    setObjectName(QStringLiteral("welcomeBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    auto *text = new QLabel(this);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    text->setText(
        tr("<b>Welcome to Tunebench.</b> This is the demo workspace: scheduled-task alerts from Splunk and "
           "Elastic, each with its likely false-positive explanations. Pick a group on the left, search with "
           "<b>Ctrl+F</b>, then give verdicts by keyboard: <b>T</b> true positive, <b>B</b> benign, "
           "<b>F</b> false positive, <b>E</b> escalate, <b>N</b> next unreviewed, <b>Ctrl+Z</b> undo."));
    auto *import = new QPushButton(tr("Import Your Alerts…"), this);
    connect(import, &QPushButton::clicked, this, &WelcomeBanner::importRequested);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAccessibleName(tr("Close the welcome"));
    close->setAutoRaise(true);
    connect(close, &QToolButton::clicked, this, [this] {
        QSettings().setValue(dismissedKey, true);
        hide();
    });
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 4, 6);
    layout->addWidget(text, 1);
    layout->addWidget(import, 0, Qt::AlignVCenter);
    layout->addWidget(close, 0, Qt::AlignTop);
}

bool WelcomeBanner::wasDismissed() {
    return QSettings().value(dismissedKey, false).toBool();
}

} // namespace tb

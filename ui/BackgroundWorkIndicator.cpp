#include "BackgroundWorkIndicator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace tb {

BackgroundWorkIndicator::BackgroundWorkIndicator(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("backgroundWork"));
    m_label = new QLabel(this);
    m_bar = new QProgressBar(this);
    m_bar->setAccessibleName(tr("Background work progress"));
    m_bar->setMaximumWidth(160);
    m_bar->setMaximumHeight(14);
    m_bar->setTextVisible(false);
    m_cancel = new QToolButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelBackgroundWork"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAccessibleName(tr("Cancel the background work"));
    connect(m_cancel, &QToolButton::clicked, this, &BackgroundWorkIndicator::cancelRequested);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 8, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    hide();
}

void BackgroundWorkIndicator::start(const QString &what) {
    m_busy = true;
    m_label->setText(what);
    m_bar->setRange(0, 0);
    m_cancel->setEnabled(true);
    show();
}

void BackgroundWorkIndicator::setProgress(qint64 done, qint64 total, const QString &what) {
    if (!what.isEmpty())
        m_label->setText(what);
    if (total <= 0) {
        m_bar->setRange(0, 0);
        return;
    }
    // QProgressBar counts in int: show per mille.
    m_bar->setRange(0, 1000);
    m_bar->setValue(int(std::min<qint64>(1000, done * 1000 / total)));
}

void BackgroundWorkIndicator::finish() {
    m_busy = false;
    hide();
}

} // namespace tb

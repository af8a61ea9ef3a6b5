#include "EventDetailView.h"

#include "EventDetailPane.h"
#include "highlight/HighlightedTextView.h"
#include "highlight/SyntaxLanguage.h"
#include "knowledge/KnowledgeBase.h"
#include "store/Database.h"
#include "store/StoreError.h"
#include "VerdictBar.h"
#include "workspace/EventDetail.h"
#include "workspace/EventHighlightTexts.h"
#include "workspace/PrevalenceLoader.h"

#include <QSplitter>
#include <QVBoxLayout>

namespace tb {

EventDetailView::EventDetailView(TriageController *controller, QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("eventDetailView"));
    m_verdictBar = new VerdictBar(controller, this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_pane = new EventDetailPane(splitter);
    m_commandLine = new HighlightedTextView(splitter);
    m_commandLine->setObjectName(QStringLiteral("commandLineView"));
    m_commandLine->setAccessibleName(tr("Command line"));
    m_raw = new HighlightedTextView(splitter);
    m_raw->setObjectName(QStringLiteral("rawRecordView"));
    m_raw->setAccessibleName(tr("Raw record"));
    splitter->addWidget(m_pane);
    splitter->addWidget(m_commandLine);
    splitter->addWidget(m_raw);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_verdictBar);
    layout->addWidget(splitter, 1);
}

EventDetailView::~EventDetailView() = default;

std::pair<HighlightRequest, HighlightRequest>
EventDetailView::highlightRequests(const EventHighlightTexts &texts, bool dark) {
    // No command line: nothing to highlight, and no highlighter run for it.
    const QString commandLanguage =
        texts.commandLine.isEmpty() ? QString() : SyntaxLanguage::forCommand(texts.commandLanguage);
    return {{HighlightedTextView::shownText(texts.commandLine), commandLanguage, dark},
            {HighlightedTextView::shownText(texts.raw),
             texts.rawIsXml ? QString(SyntaxLanguage::Xml) : QString(SyntaxLanguage::Json), dark}};
}

void EventDetailView::showMessage(const QString &message) {
    m_detail.reset();
    m_eventId = 0;
    m_pane->showMessage(message);
    m_verdictBar->showEvent(nullptr);
    m_commandLine->setText(QString(), QString());
    m_raw->setText(QString(), QString());
}

bool EventDetailView::isComplete() const {
    return m_detail && m_detail->prevalenceLoaded;
}

void EventDetailView::showEvent(Database &db, qint64 eventId) {
    try {
        std::optional<EventDetail> detail = EventDetail::load(db, KnowledgeBase::builtIn(), eventId, false);
        if (!detail) {
            showMessage(tr("Event %1 is no longer in the workspace.").arg(eventId));
            return;
        }
        m_detail = std::make_unique<EventDetail>(std::move(*detail));
    } catch (const StoreError &error) {
        showMessage(error.message());
        return;
    }
    m_eventId = eventId;
    const EventDetail &d = *m_detail;
    // The highlighter first: a text not in its cache starts a tool run, which then works on the other
    // core while this thread lays out the pane.
    const auto [commandLine, raw] = highlightRequests(EventHighlightTexts::of(d), m_raw->usesDarkTheme());
    m_commandLine->setText(commandLine.text, commandLine.language);
    m_commandLine->setVisible(!commandLine.text.isEmpty());
    m_raw->setText(raw.text, raw.language);
    m_pane->showDetail(d);
    if (!m_prevalence || m_prevalencePath != db.path()) {
        delete m_prevalence;
        m_prevalencePath = db.path();
        m_prevalence = new PrevalenceLoader(m_prevalencePath, this);
        connect(m_prevalence, &PrevalenceLoader::ready, this, [this](const EventDetail &counted) {
            if (!m_detail || counted.id != m_eventId)
                return;
            *m_detail = counted;
            m_pane->showDetail(*m_detail);
        });
    }
    if (!d.prevalenceLoaded)
        m_prevalence->request(d); // not counted yet: counted in the background, shown when ready
    m_verdictBar->showEvent(&d);
}

} // namespace tb

#include "BackgroundExport.h"

#include "ExportInputLoader.h"
#include "items/BackgroundPool.h"
#include "store/StoreError.h"
#include "store/Workspace.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace tb {

namespace {
struct Rendered {
    QByteArray text;
    QString error;
};
} // namespace

BackgroundExport::BackgroundExport(QString workspacePath, const KnowledgeBase &kb, QObject *parent)
    : QObject(parent)
    , m_path(std::move(workspacePath))
    , m_kb(kb) {}

void BackgroundExport::request(const QString &format, const QDate &today) {
    const quint64 generation = ++m_generation;
    ++m_running;
    auto *watcher = new QFutureWatcher<Rendered>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, format] {
        watcher->deleteLater();
        --m_running;
        if (generation != m_generation)
            return;
        const Rendered result = watcher->result();
        emit finished(format, result.text, result.error);
    });
    // Read-write: counting the impact may bring event_keys up to date first.
    watcher->setFuture(QtConcurrent::run(backgroundPool(), [path = m_path, kb = &m_kb, format, today] {
        Rendered result;
        try {
            Database db = Workspace::connect(path);
            ExportInputLoader::render(db, *kb, format, today, result.text, &result.error);
        } catch (const StoreError &e) {
            result.error = e.message();
        }
        return result;
    }));
}

} // namespace tb

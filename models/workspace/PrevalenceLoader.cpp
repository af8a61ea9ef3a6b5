#include "PrevalenceLoader.h"

#include "items/BackgroundQuery.h"

namespace tb {

PrevalenceLoader::PrevalenceLoader(QString workspacePath, QObject *parent)
    : QObject(parent)
    , m_path(std::move(workspacePath)) {}

void PrevalenceLoader::request(const EventDetail &detail) {
    const quint64 generation = ++m_generation;
    runInBackground<EventDetail>(
        m_path, this,
        [detail](Database &db) {
            EventDetail counted = detail;
            EventDetail::loadPrevalence(db, counted);
            return counted;
        },
        [this, generation](const BackgroundResult<EventDetail> &result) {
            if (generation == m_generation && result.error.isEmpty())
                emit ready(result.value);
        });
}

} // namespace tb

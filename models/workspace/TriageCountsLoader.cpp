#include "TriageCountsLoader.h"

#include "items/BackgroundQuery.h"

namespace tb {

TriageCountsLoader::TriageCountsLoader(Database &db, QObject *parent)
    : QObject(parent)
    , m_path(db.path()) {}

void TriageCountsLoader::refresh() {
    const quint64 generation = ++m_generation;
    m_loading = true;
    runInBackground<TriageCounts>(
        m_path, this, [](Database &db) { return TriageCounts::compute(db); },
        [this, generation](const BackgroundResult<TriageCounts> &result) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!result.error.isEmpty()) {
                emit failed(result.error);
                return;
            }
            m_counts = result.value;
            emit countsChanged(m_counts);
        });
}

} // namespace tb

#include "FiguresLoader.h"

#include "items/BackgroundQuery.h"

namespace tb {

FiguresLoader::FiguresLoader(Database &db, QObject *parent)
    : QObject(parent)
    , m_path(db.path()) {}

void FiguresLoader::refresh() {
    const quint64 generation = ++m_countsGeneration;
    runInBackground<TriageCounts>(
        m_path, this, [](Database &db) { return TriageCounts::compute(db); },
        [this, generation](const BackgroundResult<TriageCounts> &result) {
            if (generation != m_countsGeneration)
                return;
            if (!result.error.isEmpty()) {
                emit failed(result.error);
                return;
            }
            m_counts = result.value;
            emit countsChanged(m_counts);
        });
}

void FiguresLoader::refreshOverview() {
    const quint64 generation = ++m_overviewGeneration;
    runInBackground<OverviewStats>(
        m_path, this, [](Database &db) { return OverviewStats::compute(db); },
        [this, generation](const BackgroundResult<OverviewStats> &result) {
            if (generation != m_overviewGeneration)
                return;
            if (!result.error.isEmpty())
                emit failed(result.error);
            else
                emit overviewChanged(result.value);
        });
}

} // namespace tb

#pragma once

#include "OverviewStats.h"
#include "TriageCounts.h"

#include <QObject>
#include <QString>

namespace tb {

class Database;

// The figures the window shows beside the table, read on pool threads with their own connections:
// the status bar's TriageCounts and the overview charts' OverviewStats. The newest request of each wins.
class FiguresLoader final : public QObject {
    Q_OBJECT
public:
    explicit FiguresLoader(Database &db, QObject *parent = nullptr);

    void refresh();         // the counts
    void refreshOverview(); // the overview (only while it is shown: it reads more)
    const TriageCounts &counts() const { return m_counts; }

signals:
    void countsChanged(const tb::TriageCounts &counts);
    void overviewChanged(const tb::OverviewStats &stats);
    void failed(const QString &error);

private:
    QString m_path;
    TriageCounts m_counts;
    quint64 m_countsGeneration = 0;
    quint64 m_overviewGeneration = 0;
};

} // namespace tb

#pragma once

#include "TriageCounts.h"

#include <QObject>
#include <QString>

namespace tb {

class Database;

// Counts TriageCounts on a pool thread with its own connection; the newest request wins.
class TriageCountsLoader final : public QObject {
    Q_OBJECT
public:
    explicit TriageCountsLoader(Database &db, QObject *parent = nullptr);
    void refresh();
    const TriageCounts &counts() const { return m_counts; }
    bool isLoading() const { return m_loading; }

signals:
    void countsChanged(const tb::TriageCounts &counts);
    void failed(const QString &error);

private:
    QString m_path;
    TriageCounts m_counts;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace tb

#include "BackgroundPool.h"

#include <QThread>
#include <QThreadPool>

namespace tb {

QThreadPool *backgroundPool() {
    static QThreadPool *pool = [] {
        auto *created = new QThreadPool; // never deleted: threads may still be reading at exit
        created->setObjectName(QStringLiteral("tunebench background"));
        created->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
        return created;
    }();
    return pool;
}

} // namespace tb

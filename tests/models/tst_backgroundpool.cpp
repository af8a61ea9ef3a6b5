// Background reads run on Tunebench's own pool, never Qt's global one: Qt 6.4 paints large fills on the
// global pool and waits for it on the UI thread (BackgroundPool.h).
#include "items/BackgroundPool.h"
#include "items/BackgroundQuery.h"
#include "store/Workspace.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace tb;

class TestBackgroundPool : public QObject {
    Q_OBJECT

private slots:
    void backgroundReadsRunOnTheirOwnPool() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("pool.tunebench");
        {
            Workspace workspace;
            QVERIFY2(workspace.open(path), qPrintable(workspace.errorString()));
        }
        QVERIFY(backgroundPool() != QThreadPool::globalInstance());
        QVERIFY(backgroundPool()->maxThreadCount() >= 2);

        struct Where {
            bool ownPool = false;
            bool globalPool = true;
            qint64 events = -1;
        };
        bool done = false;
        Where where;
        QObject context;
        runInBackground<Where>(
            path, &context,
            [](Database &db) {
                return Where{backgroundPool()->contains(QThread::currentThread()),
                             QThreadPool::globalInstance()->contains(QThread::currentThread()),
                             db.queryInt(QStringLiteral("SELECT count(*) FROM events"))};
            },
            [&](const BackgroundResult<Where> &result) {
                QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
                where = result.value;
                done = true;
            });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        QVERIFY(where.ownPool);
        QVERIFY(!where.globalPool);
        QCOMPARE(where.events, 0);
    }
};

QTEST_GUILESS_MAIN(TestBackgroundPool)
#include "tst_backgroundpool.moc"

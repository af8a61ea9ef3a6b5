// The in-process backend (ui/highlight/InProcessHighlightBackend.cpp), built against Qt 5 + KF5
// SyntaxHighlighting: every language the workbench shows is coloured on the first pass (the KF5
// theme-before-definition pitfall), Tunebench's own definitions load from a custom search path, and
// an unknown language leaves plain text with a notice.
#include "HighlightSamples.h"
#include "InProcessHighlightBackend.h"

#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QSignalSpy>
#include <QTest>
#include <QTextDocument>

#include <memory>

using namespace HighlightSamples;

Q_DECLARE_METATYPE(QTextDocument *)

class TestInProcessHighlight : public QObject {
    Q_OBJECT
    std::unique_ptr<tb::InProcessHighlightBackend> m_backend;
    KSyntaxHighlighting::Repository m_repository; // for the themes' expected colours

    // Highlights `text` in a new document; the backend answers before highlight() returns.
    std::unique_ptr<QTextDocument> highlight(const QString &text, const QString &language, bool dark,
                                             QString *notice) {
        auto document = std::make_unique<QTextDocument>();
        QSignalSpy finished(m_backend.get(), &tb::HighlightBackend::finished);
        m_backend->highlight(document.get(), text, language, dark);
        if (finished.count() != 1)
            return nullptr;
        *notice = finished.at(0).at(1).toString();
        return document;
    }

    QString themeColour(bool dark, KSyntaxHighlighting::Theme::TextStyle style) const {
        return QColor(m_repository.theme(tb::HighlightBackend::themeName(dark)).textColor(style)).name();
    }

private slots:
    void initTestCase() {
        qRegisterMetaType<QTextDocument *>();
        // The source tree's resources/ holds syntax/*.xml, as :/tunebench does in the application.
        m_backend = std::make_unique<tb::InProcessHighlightBackend>(
            QStringList{QStringLiteral(TUNEBENCH_RESOURCES_DIR)});
        qInfo("%s", qPrintable(m_backend->description()));
        QVERIFY(m_repository.theme(QStringLiteral("Breeze Light")).isValid());
        QVERIFY(m_repository.theme(QStringLiteral("Breeze Dark")).isValid());
        // HighlightSamples assumes these are the themes' normal text colours.
        QVERIFY(isNormalTextColour(QColor(themeColour(false, KSyntaxHighlighting::Theme::Normal))));
        QVERIFY(isNormalTextColour(QColor(themeColour(true, KSyntaxHighlighting::Theme::Normal))));
    }

    void customDefinitionsLoadFromTheSearchPath() {
        for (const char *name : {"Splunk SPL", "Splunk Macros", "KQL"})
            QVERIFY2(m_backend->hasDefinition(QString::fromLatin1(name)), name);
    }

    void eachLanguageIsColoured_data() {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("highlighted");
        QTest::addColumn<QStringList>("plain");
        QTest::addColumn<QStringList>("distinct");
        QTest::addColumn<bool>("dark");
        const QVector<Sample> all = samples();
        for (const Sample &sample : all) {
            QTest::newRow(sample.name) << sample.language << sample.text << sample.highlighted << sample.plain
                                       << sample.distinct << false;
            QTest::newRow(QByteArray(sample.name).append(", dark").constData())
                << sample.language << sample.text << sample.highlighted << sample.plain << sample.distinct
                << true;
        }
    }

    void eachLanguageIsColoured() {
        QFETCH(QString, language);
        QFETCH(QString, text);
        QFETCH(QStringList, highlighted);
        QFETCH(QStringList, plain);
        QFETCH(QStringList, distinct);
        QFETCH(bool, dark);

        QString notice;
        const auto doc = highlight(text, language, dark, &notice);
        QVERIFY(doc);
        QVERIFY2(notice.isEmpty(), qPrintable(notice));
        QCOMPARE(doc->toPlainText(), text);
        QVERIFY2(colours(doc.get()).size() >= 3, qPrintable(colours(doc.get()).join(QLatin1Char(' '))));

        // First pass, and no colour is the theme's background: the text is visible (the KF5 pitfall).
        const QColor background = m_repository.theme(tb::HighlightBackend::themeName(dark))
                                      .editorColor(KSyntaxHighlighting::Theme::BackgroundColor);
        for (const QString &name : colours(doc.get())) {
            const QColor colour(name);
            QVERIFY2(colour.isValid() && colour != background, qPrintable(name));
        }
        for (const QString &token : highlighted) {
            const QString style = styleOf(doc.get(), token);
            QVERIFY2(!style.isEmpty() && style != QLatin1String("<missing>"),
                     qPrintable(token + QLatin1String(" is not highlighted: ") + style));
        }
        for (const QString &token : plain)
            QVERIFY2(styleOf(doc.get(), token).isEmpty(), qPrintable(token + QLatin1String(" is styled")));
        QStringList seen;
        for (const QString &token : distinct) {
            const QString style = styleOf(doc.get(), token);
            QVERIFY2(!seen.contains(style),
                     qPrintable(token + QLatin1String(" looks like another role: ") + style));
            seen << style;
        }
    }

    // The theme in use is the one asked for, from the first pass on: comments take its comment colour.
    void usesTheRequestedThemeFromTheFirstPass() {
        const QString text = QStringLiteral("Get-ScheduledTask # persistence");
        for (const bool dark : {false, true}) {
            QString notice;
            const auto doc = highlight(text, QStringLiteral("PowerShell"), dark, &notice);
            QVERIFY(doc);
            QCOMPARE(styleOf(doc.get(), QStringLiteral("# persistence")),
                     themeColour(dark, KSyntaxHighlighting::Theme::Comment));
        }
    }

    void reusesOneHighlighterPerDocument() {
        QTextDocument document;
        m_backend->highlight(&document, QStringLiteral("index=main | stats count by host"),
                             QStringLiteral("Splunk SPL"), false);
        m_backend->highlight(&document, QStringLiteral("DeviceProcessEvents | where Timestamp > ago(1d)"),
                             QStringLiteral("KQL"), true);
        QCOMPARE(document.findChildren<KSyntaxHighlighting::SyntaxHighlighter *>().size(), 1);
        QCOMPARE(document.toPlainText(), QStringLiteral("DeviceProcessEvents | where Timestamp > ago(1d)"));
        QCOMPARE(styleOf(&document, QStringLiteral("ago")),
                 themeColour(true, KSyntaxHighlighting::Theme::Function));
    }

    void unknownLanguageIsPlainWithANotice() {
        QTextDocument document;
        m_backend->highlight(&document, QStringLiteral("{\"a\": true}"), QStringLiteral("JSON"), false);
        QVERIFY(!colours(&document).isEmpty());
        QSignalSpy finished(m_backend.get(), &tb::HighlightBackend::finished);
        m_backend->highlight(&document, QStringLiteral("{\"a\": true}"), QStringLiteral("No Such Language"),
                             false);
        QCOMPARE(finished.count(), 1);
        QVERIFY(finished.at(0).at(1).toString().contains(QLatin1String("no syntax definition")));
        QCOMPARE(document.toPlainText(), QStringLiteral("{\"a\": true}"));
        QVERIFY(colours(&document).isEmpty()); // the earlier colours are gone with the highlighter
        QVERIFY(document.findChildren<KSyntaxHighlighting::SyntaxHighlighter *>().isEmpty());

        m_backend->highlight(&document, QStringLiteral("/opt/agent --run"), QString(), false);
        QCOMPARE(finished.count(), 2);
        QVERIFY(finished.at(1).at(1).toString().isEmpty()); // no language: plain by intent
    }
};

QTEST_MAIN(TestInProcessHighlight)
#include "tst_inprocesshighlight.moc"

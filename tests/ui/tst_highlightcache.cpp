// The highlighter's cache and what it keeps: HighlightCache (keys, least recently used out, the bound in
// characters) and HighlightSpans (kate-syntax-highlighter's HTML read as spans over the text, laid over
// a plain-text document). The tool backend's use of the cache is in tst_syntaxhighlight and
// tst_highlightprefetch.
#include "highlight/HighlightCache.h"
#include "highlight/HighlightSpans.h"
#include "HighlightSamples.h"

#include <QPlainTextEdit>
#include <QTest>
#include <QTextDocument>

using namespace tb;
using namespace HighlightSamples;

namespace {

// The tool's page around a body, as kate-syntax-highlighter writes it (the body ends with the newline
// the tool writes after the last line).
QString toolHtml(const QString &body) {
    return "<!DOCTYPE html>\n<html><head>\n<title>Kate Syntax Highlighter</title>\n</head>"
           "<body style=\"background-color:#ffffff;color:#1f1c1b\"><pre>\n" +
           body + "</pre></body></html>\n";
}

// Spans covering all of `text` in one format.
HighlightSpans spansOfLength(const QString &text) {
    return *HighlightSpans::fromToolHtml(toolHtml("<span style=\"color:#ff0000;\">" + text + "</span>"),
                                         text);
}

} // namespace

class TestHighlightCache : public QObject {
    Q_OBJECT

private slots:
    void keysDifferByDefinitionThemeAndText() {
        const QByteArray key = HighlightCache::keyOf("JSON", "Breeze Light", "{\"a\": 1}");
        QCOMPARE(HighlightCache::keyOf("JSON", "Breeze Light", "{\"a\": 1}"), key);
        QVERIFY(HighlightCache::keyOf("YAML", "Breeze Light", "{\"a\": 1}") != key);
        QVERIFY(HighlightCache::keyOf("JSON", "Breeze Dark", "{\"a\": 1}") != key);
        QVERIFY(HighlightCache::keyOf("JSON", "Breeze Light", "{\"a\": 2}") != key);
        // The separators keep "AB"+"C" apart from "A"+"BC".
        QVERIFY(HighlightCache::keyOf("AB", "C", "x") != HighlightCache::keyOf("A", "BC", "x"));
        QVERIFY(key.startsWith(QByteArray("JSON\0Breeze Light\0", 18)));
    }

    void findCountsHitsAndMisses() {
        HighlightCache cache;
        const QByteArray key = HighlightCache::keyOf("Bash", "Breeze Light", "echo hi");
        QVERIFY(!cache.find(key));
        QCOMPARE(cache.misses(), 1);
        cache.insert(key, spansOfLength("echo hi"));
        QVERIFY(cache.contains(key));
        const HighlightSpans *found = cache.find(key);
        QVERIFY(found);
        QCOMPARE(found->textLength(), 7);
        QCOMPARE(cache.hits(), 1);
        QCOMPARE(cache.misses(), 1);
        QCOMPARE(cache.characters(), 7);
        cache.clear();
        QVERIFY(!cache.contains(key));
        QCOMPARE(cache.characters(), 0);
    }

    // The bound is in characters; the least recently *used* entry goes first, not the oldest.
    void leastRecentlyUsedGoesFirst() {
        HighlightCache cache(30);
        const QString a(10, 'a'), b(10, 'b'), c(10, 'c'), d(10, 'd');
        auto key = [](const QString &text) { return HighlightCache::keyOf("Bash", "Breeze Light", text); };
        cache.insert(key(a), spansOfLength(a));
        cache.insert(key(b), spansOfLength(b));
        cache.insert(key(c), spansOfLength(c));
        QCOMPARE(cache.count(), 3);
        QVERIFY(cache.find(key(a))); // a is now the most recently used: b is the least
        cache.insert(key(d), spansOfLength(d));
        QCOMPARE(cache.count(), 3);
        QVERIFY(cache.characters() <= cache.maxCharacters());
        QVERIFY(cache.contains(key(a)));
        QVERIFY(!cache.contains(key(b)));
        QVERIFY(cache.contains(key(c)));
        QVERIFY(cache.contains(key(d)));

        // contains() does not count as a use: c, then d, are the next to go once a is used again.
        QVERIFY(cache.find(key(a)));
        QVERIFY(cache.contains(key(c)));
        const QString e(20, 'e');
        cache.insert(key(e), spansOfLength(e));
        QVERIFY(!cache.contains(key(c)));
        QVERIFY(!cache.contains(key(d)));
        QVERIFY(cache.contains(key(a)));
        QVERIFY(cache.contains(key(e)));

        // Larger than the whole bound: not kept, and nothing else is pushed out for it.
        const QString huge(31, 'h');
        cache.insert(key(huge), spansOfLength(huge));
        QVERIFY(!cache.contains(key(huge)));
        QVERIFY(cache.contains(key(a)));
    }

    // --- the tool's HTML as spans -----------------------------------------------------------------

    void readsTheToolsHtml_data() {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("styles"); // styleAt() of each character of `text`, "" for none
        QTest::newRow("entities")
            << "<span style=\"color:#ff0000;font-weight:bold;\">a</span>&lt;b &amp; &quot;c&quot;&#39;\n"
            << "a<b & \"c\"'" << QStringList({"#ff0000 bold", "", "", "", "", "", "", "", "", ""});
        QTest::newRow("without the tool's last newline") << "<span style=\"color:#0057ae;\">x</span>"
                                                         << "x" << QStringList({"#0057ae"});
        QTest::newRow("a text that ends with a newline") << "x\n\n"
                                                         << "x\n"
                                                         << QStringList({"", ""});
        QTest::newRow("italic, background, underline")
            << "<span style=\"color:#898887;font-style:italic;\">#c</span> "
               "<span style=\"background-color:#f7e6e6;color:#bf0303;text-decoration:underline;\">e</span>\n"
            << "#c e" << QStringList({"#898887 italic", "#898887 italic", "", "#bf0303"});
        QTest::newRow("nested spans: the inner one wins inside it")
            << "<span style=\"color:#111111;\">a<span style=\"color:#222222;\">b</span>c</span>\n"
            << "abc" << QStringList({"#111111", "#222222", "#111111"});
        QTest::newRow("a span over two lines")
            << "<span style=\"color:#bf0303;\">\"one\ntwo\"</span>;\n"
            << "\"one\ntwo\";"
            << QStringList({"#bf0303", "#bf0303", "#bf0303", "#bf0303", "", "#bf0303", "#bf0303", "#bf0303",
                            "#bf0303", ""});
    }

    void readsTheToolsHtml() {
        QFETCH(QString, body);
        QFETCH(QString, text);
        QFETCH(QStringList, styles);
        const std::optional<HighlightSpans> spans = HighlightSpans::fromToolHtml(toolHtml(body), text);
        QVERIFY(spans);
        QCOMPARE(spans->textLength(), text.size());

        QPlainTextEdit edit; // the view the spans are for
        edit.setPlainText(text);
        spans->applyTo(edit.document());
        QCOMPARE(edit.toPlainText(), text); // the text is never touched
        QCOMPARE(styles.size(), text.size());
        for (int i = 0; i < text.size(); ++i)
            QVERIFY2(styleAt(edit.document(), i) == styles[i],
                     qPrintable(QString("%1 at %2: %3").arg(text).arg(i).arg(styleAt(edit.document(), i))));
    }

    void refusesWhatIsNotTheToolsHtmlForTheText_data() {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("text");
        QTest::newRow("no <pre>") << "no html here"
                                  << "no html here";
        QTest::newRow("another text") << toolHtml("something else\n") << "a<b";
        QTest::newRow("text missing at the end") << toolHtml("a\n") << "ab";
        QTest::newRow("text left over") << toolHtml("abc\n") << "ab";
        QTest::newRow("two newlines more") << toolHtml("ab\n\n") << "ab";
        QTest::newRow("unknown tag") << toolHtml("a<b>b</b>") << "ab";
        QTest::newRow("unknown entity") << toolHtml("a&nbsp;b") << "a b";
        QTest::newRow("unterminated tag") << toolHtml("a<span") << "a";
    }

    void refusesWhatIsNotTheToolsHtmlForTheText() {
        QFETCH(QString, html);
        QFETCH(QString, text);
        QVERIFY(!HighlightSpans::fromToolHtml(html, text));
    }

    // The tool's PowerShell output (copied from a run) reads back with one format per distinct style,
    // read as tst_syntaxhighlight reads the views.
    void toolOutputKeepsItsStyles() {
        const QString html = toolHtml(
            "<span style=\"color:#644a9b;\">Get-Item</span> <span style=\"color:#ca60ca;\">-</span>Path "
            "<span style=\"color:#bf0303;\">&quot;C:\\x&quot;</span>\n");
        const QString text = "Get-Item -Path \"C:\\x\"";
        QTextDocument document;
        document.setPlainText(text);
        const std::optional<HighlightSpans> spans = HighlightSpans::fromToolHtml(html, text);
        QVERIFY(spans);
        QCOMPARE(spans->formats().size(), 3); // one format per distinct style
        spans->applyTo(&document);
        QCOMPARE(styleOf(&document, "Get-Item"), QString("#644a9b"));
        QCOMPARE(styleOf(&document, "Path"), QString());
        QCOMPARE(styleOf(&document, "\"C:"), QString("#bf0303"));
        QCOMPARE(colours(&document).size(), 3);
    }
};

QTEST_MAIN(TestHighlightCache)
#include "tst_highlightcache.moc"

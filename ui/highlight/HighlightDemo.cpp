#include "HighlightDemo.h"

#include "HighlightedTextView.h"
#include "SyntaxLanguage.h"

#include <QEventLoop>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

namespace tb {

namespace {

QString powerShellSnippet() {
    return QStringLiteral(
        "# Registered at logon by the demo's \"OneDrive Updater\" task\n"
        "$action = New-ScheduledTaskAction -Execute 'powershell.exe' "
        "-Argument '-NoProfile -WindowStyle Hidden -File C:\\ProgramData\\upd.ps1'\n"
        "$trigger = New-ScheduledTaskTrigger -AtLogOn\n"
        "Register-ScheduledTask -TaskName \"OneDrive Updater\" -Action $action -Trigger $trigger "
        "-RunLevel Highest\n"
        "Get-ScheduledTask | Where-Object { $_.TaskPath -notlike '\\Microsoft\\*' } | "
        "Select-Object TaskName, State");
}

QString xmlSnippet() {
    return QStringLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
        "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\n"
        "  <Triggers>\n"
        "    <LogonTrigger><Enabled>true</Enabled></LogonTrigger>\n"
        "  </Triggers>\n"
        "  <!-- the action the 4698 event records -->\n"
        "  <Actions Context=\"Author\">\n"
        "    <Exec>\n"
        "      <Command>C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe</Command>\n"
        "      <Arguments>-NoProfile -File C:\\ProgramData\\upd.ps1</Arguments>\n"
        "    </Exec>\n"
        "  </Actions>\n"
        "</Task>");
}

QString splSnippet() {
    return QStringLiteral(
        "index=wineventlog sourcetype=\"WinEventLog:Security\" EventCode=4698 `tb_t1053_filter`\n"
        "``` known updaters are tuned out by the macro above ```\n"
        "| eval task=lower(TaskName), risky=if(match(TaskContent, \"(?i)-enc|ProgramData\"), 1, 0)\n"
        "| stats count dc(host) AS hosts values(user) AS users BY task, risky\n"
        "| where risky=1 AND hosts<5");
}

} // namespace

HighlightDemo::HighlightDemo(QWidget *parent)
    : QWidget(parent) {
    setWindowTitle(tr("Tunebench: syntax highlighting"));
    auto *layout = new QVBoxLayout(this);
    auto *backend = new QLabel(tr("Backend: %1").arg(HighlightedTextView::backendDescription()), this);
    backend->setEnabled(false);
    layout->addWidget(backend);
    addSnippet(tr("PowerShell: the command that created the task"), powerShellSnippet(),
               SyntaxLanguage::PowerShell);
    addSnippet(tr("XML: the task definition from event 4698"), xmlSnippet(), SyntaxLanguage::Xml);
    addSnippet(tr("Splunk SPL: the tuned search"), splSnippet(), SyntaxLanguage::Spl);
    resize(1000, minimumSizeHint().height());
}

void HighlightDemo::addSnippet(const QString &title, const QString &text, const QString &language) {
    auto *label = new QLabel(title, this);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    auto *view = new HighlightedTextView(this);
    connect(view, &HighlightedTextView::highlighted, this, [this] {
        if (isHighlighted())
            emit highlighted();
    });
    auto *box = static_cast<QVBoxLayout *>(layout());
    box->addWidget(label);
    box->addWidget(view);
    // Tall enough for every line, so the screenshot shows whole snippets without scroll bars.
    const int lines = int(text.count(QLatin1Char('\n'))) + 1;
    view->setMinimumHeight(
        QFontMetrics(QFontDatabase::systemFont(QFontDatabase::FixedFont)).lineSpacing() * (lines + 1) + 16);
    m_views.append(view);
    view->setText(text, language);
}

bool HighlightDemo::isHighlighted() const {
    for (const HighlightedTextView *view : m_views) {
        if (view->isPending())
            return false;
    }
    return true;
}

bool HighlightDemo::saveScreenshot(const QString &file, QString *message, int timeoutMs) {
    HighlightDemo demo;
    demo.show();
    if (!demo.isHighlighted()) {
        // The tool backend answers asynchronously: wait for it with the event loop running.
        QEventLoop loop;
        connect(&demo, &HighlightDemo::highlighted, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    QStringList notices;
    for (const HighlightedTextView *view : demo.views()) {
        if (view->isPending())
            notices << tr("%1 still pending").arg(view->language());
        else if (!view->notice().isEmpty())
            notices << view->notice();
    }
    const bool saved = demo.grab().save(file);
    if (message) {
        *message = saved ? tr("saved %1").arg(file) : tr("could not write %1").arg(file);
        if (!notices.isEmpty())
            *message += QStringLiteral(" (") + notices.join(QStringLiteral("; ")) + QLatin1Char(')');
    }
    return saved;
}

} // namespace tb

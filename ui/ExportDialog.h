#pragma once

#include <QByteArray>
#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;

namespace tb {

class BackgroundExport;
class HighlightedTextView;
class KnowledgeBase;

// File > Export Tuning…: the workspace's decisions in any ExporterRegistry format (the CLI's
// exporters), with a highlighted preview written in the background, Copy and Save.
class ExportDialog final : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const QString &workspacePath, const KnowledgeBase &kb, QWidget *parent = nullptr);

    void setFormat(const QString &id);
    QString format() const;
    QString text() const { return QString::fromUtf8(m_text); }
    bool isRunning() const;
    // Writes the shown artefact; false + the reason in the status line.
    bool saveTo(const QString &path);
    void copyToClipboard();
    // Writes the preview again (the decisions changed).
    void refresh();

    QComboBox *formatBox() const { return m_format; }
    HighlightedTextView *preview() const { return m_preview; }
    QLabel *statusLabel() const { return m_status; }

signals:
    void previewReady(); // text() holds the chosen format's artefact (or statusLabel() says why not)

private:
    void chooseFile();

    BackgroundExport *m_export = nullptr;
    QComboBox *m_format = nullptr;
    HighlightedTextView *m_preview = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_save = nullptr;
    QByteArray m_text;
    QString m_textFormat; // the format m_text is in; empty while none is ready
};

} // namespace tb

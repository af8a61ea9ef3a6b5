#pragma once

#include <QByteArray>
#include <QDate>
#include <QObject>
#include <QString>

namespace tb {

class KnowledgeBase;

// Writes an export artefact (ExportInputLoader::render) on a pool thread with its own connection to
// the workspace, for the export dialog's preview: loading the decisions and counting their impact
// can take a while on a large workspace. Only the newest request is answered.
class BackgroundExport final : public QObject {
    Q_OBJECT
public:
    BackgroundExport(QString workspacePath, const KnowledgeBase &kb, QObject *parent = nullptr);

    void request(const QString &format, const QDate &today);
    bool isRunning() const { return m_running > 0; }

signals:
    // `error` is empty when `text` holds the whole artefact.
    void finished(const QString &format, const QByteArray &text, const QString &error);

private:
    QString m_path;
    const KnowledgeBase &m_kb;
    quint64 m_generation = 0;
    int m_running = 0;
};

} // namespace tb

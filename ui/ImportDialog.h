#pragma once

#include "ingest/ImportPreview.h"
#include "workspace/ImportJob.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;
class QTableWidget;

namespace tb {

// Before an import: the format detected from the file's content, a preview of its first records as
// they will be normalized, and for a CSV or JSON export no reader knows, a column-mapping editor whose
// mapping is saved as a profile (MappingProfile) and used for the import.
class ImportDialog final : public QDialog {
    Q_OBJECT
public:
    explicit ImportDialog(const QString &path, QWidget *parent = nullptr);

    // What to import and how; call after the dialog was accepted. Saves the mapping profile if one is used.
    std::optional<ImportJob::File> file(QString *error);

    QComboBox *formatChoice() const { return m_format; }
    QLabel *detectedLabel() const { return m_detected; }
    QTableWidget *preview() const { return m_preview; }
    QTableWidget *mapping() const { return m_mapping; }
    QLineEdit *profileName() const { return m_profileName; }
    const ImportPreview &currentPreview() const { return m_current; }
    // The preview is read in the background: true until the latest one is shown.
    bool isPreviewPending() const;
    bool usesMapping() const;
    // The mapping as edited (source column → field).
    MappingProfile profile() const;
    // Where profiles are kept: AppDataLocation/mappings.
    static QString profileDirectory();

private:
    void refresh();
    void showPreview(const ImportPreview &preview);
    void fillMapping(const QStringList &columns);
    void loadProfile();
    ImportOptions options() const;

    QString m_path;
    ImportPreview m_detection; // what the content says, without a forced format
    ImportPreview m_current;
    quint64 m_previewGeneration = 0; // the latest preview asked for
    quint64 m_shownGeneration = 0;   // the one on screen
    QLabel *m_detected = nullptr;
    QComboBox *m_format = nullptr;
    QComboBox *m_zone = nullptr;
    QLineEdit *m_ruleName = nullptr;
    QWidget *m_mappingBox = nullptr;
    QTableWidget *m_mapping = nullptr;
    QLineEdit *m_profileName = nullptr;
    QTableWidget *m_preview = nullptr;
    QLabel *m_issues = nullptr;
};

} // namespace tb

#pragma once

#include "ExportInput.h"

#include <QString>

class QIODevice;

namespace tb {

// One export target. The CLI and the GUI both get exporters from ExporterRegistry, so a format is
// written the same way wherever it is asked for. write() either writes the whole artefact and
// returns true, or returns false with errorString() naming the decision and the field at fault;
// nothing is written before every decision has been rendered.
class Exporter {
public:
    virtual ~Exporter() = default;

    virtual QString id() const = 0;         // the --format name: "splunk", "sigma", …
    virtual QString title() const = 0;      // "Splunk macros.conf"
    virtual QString fileSuffix() const = 0; // "conf", "yml", "ndjson", …
    virtual QString syntaxName() const = 0; // the KSyntaxHighlighting definition for a preview
    // Whether it writes ExportInput::impact: counting every decision's events is the slow part of
    // loading, and the SIEM artefacts do not show it.
    virtual bool usesImpact() const { return false; }
    virtual bool write(const ExportInput &input, QIODevice &device) = 0;

    QString errorString() const { return m_error; }

protected:
    bool fail(const QString &message) {
        m_error = message;
        return false;
    }
    // Writes the whole text as UTF-8; false (with the device's error) if the device refuses it.
    bool writeAll(QIODevice &device, const QString &text);
    bool writeAll(QIODevice &device, const QByteArray &bytes);

private:
    QString m_error;
};

} // namespace tb

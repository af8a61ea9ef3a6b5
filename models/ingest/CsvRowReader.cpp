#include "CsvRowReader.h"

#include <QIODevice>
#include <QStringDecoder>

#include <csv.h>

namespace tb {

struct CsvRowReader::Parser {
    csv_parser csv{};
    CsvRowReader *owner = nullptr;

    static int neverSpace(unsigned char) { return 0; }

    static void onField(void *data, size_t length, void *self) {
        auto *reader = static_cast<Parser *>(self)->owner;
        const auto *bytes = static_cast<const unsigned char *>(data);
        // Only cells with non-ASCII bytes or NULs need checking; most cells are ASCII.
        bool plain = true;
        for (size_t i = 0; i < length && plain; ++i)
            plain = bytes[i] != 0 && bytes[i] < 0x80;
        if (!plain && reader->m_currentProblem.isEmpty()) {
            const QByteArrayView cell(bytes, qsizetype(length));
            if (cell.contains('\0')) {
                reader->m_currentProblem =
                    QStringLiteral("cell %1 holds a NUL byte").arg(reader->m_current.size() + 1);
            } else {
                QStringDecoder decoder(QStringDecoder::Utf8);
                const QString text = decoder(cell);
                if (decoder.hasError())
                    reader->m_currentProblem =
                        QStringLiteral("cell %1 is not valid UTF-8").arg(reader->m_current.size() + 1);
            }
        }
        reader->m_current.append(QString::fromUtf8(static_cast<const char *>(data), qsizetype(length)));
    }

    static void onRowEnd(int, void *self) {
        auto *reader = static_cast<Parser *>(self)->owner;
        reader->m_ready.push_back(std::move(reader->m_current));
        reader->m_readyLines.push_back(reader->m_currentStart);
        reader->m_current = QStringList();
        reader->m_readyProblems.push_back(std::move(reader->m_currentProblem));
        reader->m_currentProblem.clear();
        // Row ends fire on the line's terminator, before fill() counts that line.
        reader->m_currentStart = reader->m_line + 1;
    }
};

CsvRowReader::CsvRowReader(QIODevice *device, char delimiter)
    : m_device(device)
    , m_parser(std::make_unique<Parser>()) {
    m_parser->owner = this;
    // Strict: a quote inside an unquoted field, or a quoted field left open at the end of the
    // input, is an error rather than a guess; every exporter we read quotes by RFC 4180.
    csv_init(&m_parser->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    csv_set_delim(&m_parser->csv, static_cast<unsigned char>(delimiter));
    csv_set_space_func(&m_parser->csv, &Parser::neverSpace);
}

CsvRowReader::~CsvRowReader() {
    csv_free(&m_parser->csv);
}

bool CsvRowReader::fill() {
    static constexpr qint64 chunkSize = 256 * 1024;
    QByteArray chunk(chunkSize, Qt::Uninitialized);
    while (m_ready.empty() && !m_finished) {
        const qint64 got = m_device->read(chunk.data(), chunkSize);
        if (got < 0) {
            m_error = QStringLiteral("read error: %1").arg(m_device->errorString());
            return false;
        }
        if (got == 0) {
            m_finished = true;
            if (csv_fini(&m_parser->csv, &Parser::onField, &Parser::onRowEnd, m_parser.get()) != 0) {
                m_error = QStringLiteral("line %1: a quoted field is not closed before the end of the file")
                              .arg(m_currentStart);
                return false;
            }
            break;
        }
        // Feed line by line so that each row knows the line it started on.
        const char *data = chunk.constData();
        qint64 offset = 0;
        // libcsv would take a UTF-8 BOM as part of the first cell (Kibana writes one).
        if (m_atStart && got >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
            offset = 3;
        m_atStart = false;
        while (offset < got) {
            const char *newline =
                static_cast<const char *>(memchr(data + offset, '\n', size_t(got - offset)));
            const qint64 end = newline ? (newline - data) + 1 : got;
            const size_t length = size_t(end - offset);
            if (csv_parse(&m_parser->csv, data + offset, length, &Parser::onField, &Parser::onRowEnd,
                          m_parser.get()) != length) {
                const bool malformed = csv_error(&m_parser->csv) == CSV_EPARSE;
                m_error =
                    QStringLiteral("line %1: %2")
                        .arg(m_line)
                        .arg(malformed ? QStringLiteral("a quote inside an unquoted field, or text after a "
                                                        "closing quote (the CSV is malformed)")
                                       : QString::fromUtf8(csv_strerror(csv_error(&m_parser->csv))));
                return false;
            }
            if (qsizetype(m_parser->csv.entry_pos) > m_maxFieldBytes) {
                m_error = QStringLiteral("line %1: a field is larger than %2 MiB")
                              .arg(m_currentStart)
                              .arg(m_maxFieldBytes / (1024 * 1024));
                return false;
            }
            if (newline)
                ++m_line;
            offset = end;
        }
    }
    return !m_ready.empty();
}

bool CsvRowReader::next(QStringList &row) {
    // Rows parsed before an error are still handed out; the error shows once they are gone.
    if (m_ready.empty() && m_error.isEmpty())
        fill();
    if (m_ready.empty())
        return false;
    row = std::move(m_ready.front());
    m_ready.pop_front();
    m_rowLine = m_readyLines.front();
    m_readyLines.pop_front();
    m_rowProblem = std::move(m_readyProblems.front());
    m_readyProblems.pop_front();
    ++m_rowIndex;
    return true;
}

} // namespace tb

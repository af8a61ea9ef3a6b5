#include "JsonFlattener.h"

#include "JsonText.h"

#include <simdjson.h>

namespace tb {

QString FlatJson::toJsonObject() const {
    QString out;
    out += QLatin1Char('{');
    bool first = true;
    for (const auto &[key, value] : m_items) {
        if (!first)
            out += QLatin1Char(',');
        first = false;
        appendJsonString(out, key);
        out += QLatin1Char(':');
        appendJsonString(out, value);
    }
    out += QLatin1Char('}');
    return out;
}

struct JsonFlattener::Impl {
    simdjson::dom::parser parser;

    static QString text(std::string_view view) {
        return QString::fromUtf8(view.data(), qsizetype(view.size()));
    }

    static QString scalar(simdjson::dom::element element) {
        using T = simdjson::dom::element_type;
        switch (element.type()) {
        case T::STRING:
            return text(std::string_view(element));
        case T::NULL_VALUE:
            return QString();
        default:
            return text(simdjson::minify(element));
        }
    }

    void walk(simdjson::dom::element element, const QString &key, FlatJson &out) {
        using T = simdjson::dom::element_type;
        if (element.type() == T::OBJECT) {
            for (auto field : simdjson::dom::object(element)) {
                const QString name = text(field.key);
                walk(field.value, key.isEmpty() ? name : key + QLatin1Char('.') + name, out);
            }
            return;
        }
        if (element.type() == T::ARRAY) {
            out.add(key, text(simdjson::minify(element)));
            return;
        }
        out.add(key, scalar(element));
    }
};

JsonFlattener::JsonFlattener()
    : d(std::make_unique<Impl>()) {}

JsonFlattener::~JsonFlattener() = default;

bool JsonFlattener::flatten(const QByteArray &json, FlatJson &out, QString *error, const QString &prefix) {
    out.clear();
    simdjson::dom::element root;
    const auto code = d->parser.parse(json.constData(), size_t(json.size()), true).get(root);
    if (code != simdjson::SUCCESS) {
        if (error)
            *error = QString::fromUtf8(simdjson::error_message(code));
        return false;
    }
    if (root.type() != simdjson::dom::element_type::OBJECT) {
        if (error)
            *error = QStringLiteral("not a JSON object");
        return false;
    }
    d->walk(root, prefix, out);
    return true;
}

QStringList JsonFlattener::stringList(const QString &jsonArray) {
    QStringList result;
    if (!jsonArray.startsWith(QLatin1Char('[')))
        return jsonArray.isEmpty() ? result : QStringList{jsonArray};
    simdjson::dom::parser parser;
    const QByteArray utf8 = jsonArray.toUtf8();
    simdjson::dom::element root;
    if (parser.parse(utf8.constData(), size_t(utf8.size()), true).get(root) != simdjson::SUCCESS ||
        root.type() != simdjson::dom::element_type::ARRAY)
        return result;
    for (auto item : simdjson::dom::array(root))
        result << Impl::scalar(item);
    return result;
}

} // namespace tb

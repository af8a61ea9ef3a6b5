#include "SyntaxDefinitions.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

// Q_INIT_RESOURCE runs outside any namespace (resources/syntax/syntax_resources.cpp).
void tunebenchInitSyntaxResources();

namespace tb {

namespace {

const QLatin1String kSyntaxSubdir("org.kde.syntax-highlighting/syntax");

QByteArray readAll(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Whether `dataDir` holds byte-identical copies of every compiled-in definition.
bool holdsCurrentCopies(const QString &dataDir) {
    const QDir syntax(dataDir + QLatin1Char('/') + kSyntaxSubdir);
    for (const QString &name : SyntaxDefinitions::fileNames()) {
        const QByteArray wanted =
            readAll(SyntaxDefinitions::resourceSearchPath() + QLatin1String("/syntax/") + name);
        if (wanted.isEmpty() || readAll(syntax.filePath(name)) != wanted)
            return false;
    }
    return true;
}

QString extractInto(const QString &dataDir, QString *error) {
    const QString syntaxDir = dataDir + QLatin1Char('/') + kSyntaxSubdir;
    if (!QDir().mkpath(syntaxDir)) {
        if (error)
            *error = QCoreApplication::translate("SyntaxDefinitions", "cannot create %1").arg(syntaxDir);
        return {};
    }
    for (const QString &name : SyntaxDefinitions::fileNames()) {
        const QString target = syntaxDir + QLatin1Char('/') + name;
        const QByteArray bytes =
            readAll(SyntaxDefinitions::resourceSearchPath() + QLatin1String("/syntax/") + name);
        if (readAll(target) == bytes)
            continue;
        QSaveFile file(target); // whole file or nothing, should two instances extract at once
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            if (error)
                *error = QCoreApplication::translate("SyntaxDefinitions", "cannot write %1: %2")
                             .arg(target, file.errorString());
            return {};
        }
    }
    return dataDir;
}

} // namespace

QStringList SyntaxDefinitions::fileNames() {
    return {QStringLiteral("kql.xml"), QStringLiteral("splunk-macros.xml"), QStringLiteral("splunk-spl.xml")};
}

QString SyntaxDefinitions::resourceSearchPath() {
    tunebenchInitSyntaxResources();
    return QStringLiteral(":/tunebench");
}

QString SyntaxDefinitions::dataDirectory(QString *error) {
    // bin/../share is the install prefix's share/ and, in a build tree, the copy CMake makes there.
    const QString beside =
        QDir::cleanPath(QCoreApplication::applicationDirPath() + QLatin1String("/../share"));
    if (holdsCurrentCopies(beside))
        return beside;
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (cache.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("SyntaxDefinitions", "no cache folder");
        return {};
    }
    return extractInto(cache + QLatin1String("/syntax-definitions"), error);
}

} // namespace tb

#include <QtGlobal>

// Q_INIT_RESOURCE must run outside any namespace; SyntaxDefinitions calls this before reading
// :/tunebench/syntax.
void tunebenchInitSyntaxResources() {
    Q_INIT_RESOURCE(syntax);
}

#include <QtGlobal>

// Q_INIT_RESOURCE must run outside any namespace; KnowledgeBase calls this before reading :/knowledge.
void tunebenchInitKnowledgeResources() {
    Q_INIT_RESOURCE(knowledge);
}

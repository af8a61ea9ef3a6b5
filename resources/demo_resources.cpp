#include <QtGlobal>

// Q_INIT_RESOURCE must run outside any namespace; DemoWorkspace calls this before reading :/demo.
void tunebenchInitDemoResources() { Q_INIT_RESOURCE(demo); }

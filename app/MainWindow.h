#pragma once
#include <QString>
namespace perfcase { class MainWindow { public: void openCase(const QString&){} void show(){} }; }

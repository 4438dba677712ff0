#pragma once

#include "CaseTableView.h"

namespace perfcase {

// A CaseTableView for the explorer's tables (import errors, query results):
// each column fitted to the rows at hand, but never wider than about 60
// characters, so one long message does not push the others off screen.
class FittedTableView : public CaseTableView
{
    Q_OBJECT

public:
    explicit FittedTableView(QWidget *parent = nullptr);

protected:
    void fitColumns() override;
};

} // namespace perfcase

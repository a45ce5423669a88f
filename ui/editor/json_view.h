// JsonValueView: a JSON value as a collapsible tree or as formatted text.
//
// The tree is for reading (children are made when a node is first expanded,
// so large documents open quickly). Editing happens in the formatted text,
// which prettyJson() made by changing whitespace only (json_format.h).
// An untouched value is never re-serialised: the editor saves the stored
// bytes. An edited value is saved as exactly the text shown, and only when
// it parses: saveProblem() names the line and column where it broke and puts
// the cursor there. Values over the quick-look limit show their first part
// as raw text, read-only, until "Load all".
#pragma once

#include <QByteArray>

#include <vector>

#include "ui/editor/json_format.h"
#include "ui/editor/value_pane.h"

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace meridian::ui {

class JsonValueView : public ValuePane {
    Q_OBJECT
public:
    enum class Mode { Tree, Text };

    explicit JsonValueView(QWidget* parent = nullptr);

    void showBytes(const QByteArray& bytes, bool writable, qsizetype limit) override;
    bool isModified() const override;
    void setUnmodified() override;
    QByteArray bytes() const override;
    QString saveProblem() override;
    QString note() const override { return note_; }
    bool isPartial() const override { return partial_; }
    QWidget* editorWidget() override;

    // The mode the user chose; shownMode() is Text while the value is not JSON.
    Mode mode() const { return mode_; }
    Mode shownMode() const;
    void setMode(Mode mode);
    QTreeWidget* tree() const { return tree_; }
    QPlainTextEdit* edit() const { return edit_; }

private:
    void applyMode();
    void buildTree(const QByteArray& json);
    void addChildren(QTreeWidgetItem* item);
    QTreeWidgetItem* makeItem(int node);

    QToolButton* treeButton_;
    QToolButton* textButton_;
    QLabel* status_;
    QStackedWidget* stack_;
    QTreeWidget* tree_;
    QPlainTextEdit* edit_;
    std::vector<JsonNode> nodes_;
    QByteArray treeSource_;  // what the tree shows
    QString note_;
    Mode mode_ = Mode::Tree;
    bool partial_ = false;
    bool valid_ = false;
};

}  // namespace meridian::ui

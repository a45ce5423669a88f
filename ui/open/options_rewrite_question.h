// The question before a read-write open of a database an older RocksDB
// release wrote (storage/version.h: DatabaseVersions::optionsRewrite).
//
// RocksDB rewrites the OPTIONS file at every read-write open, in the engine's
// dialect; the program that owns the database then needs its tools'
// --ignore_unknown_options to load it. The storage factory refuses such an
// open with NeedsConfirmation and the notice; this asks the user, once per
// open, whether to go on (open for editing, rewrite allowed) or to stay
// read-only (nothing in the folder changes).
//
// UI thread only. The box is window-modal and deletes itself when answered.
#pragma once

#include <QString>

#include <functional>

class QMessageBox;
class QWidget;

namespace meridian::ui {

enum class OptionsRewriteAnswer { OpenForEditing, OpenReadOnly, Cancel };

// Shows the question about `notice` (the factory's message) and calls
// `answered` once with the user's choice. Returns the box (object name
// "optionsRewriteBox"), already open.
QMessageBox* askOptionsRewrite(QWidget* parent, const QString& notice,
                               std::function<void(OptionsRewriteAnswer)> answered);

}  // namespace meridian::ui

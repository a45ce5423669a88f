#include "ui/editor/value_document.h"

namespace meridian::ui {

ValueDocument::ValueDocument(QObject* parent) : QObject(parent) {}

void ValueDocument::clear() {
    key_.clear();
    stored_.clear();
    setPendingInternal({});
    setState(State::Empty);
}

void ValueDocument::startLoading(const QByteArray& key) {
    key_ = key;
    stored_.clear();
    setPendingInternal({});
    setState(State::Loading);
}

void ValueDocument::load(const QByteArray& key, const QByteArray& value) {
    key_ = key;
    stored_ = value;
    setPendingInternal(value);
    // Emitted even when the state stays Loaded: a reload is a new value.
    state_ = State::Loaded;
    emit stateChanged(state_);
}

void ValueDocument::setMissing(const QByteArray& key) {
    key_ = key;
    stored_.clear();
    setPendingInternal({});
    setState(State::Missing);
}

void ValueDocument::setFailed(const QByteArray& key) {
    key_ = key;
    stored_.clear();
    setPendingInternal({});
    setState(State::Failed);
}

void ValueDocument::setPending(const QByteArray& bytes) { setPendingInternal(bytes); }

void ValueDocument::markSaved(const QByteArray& bytes) {
    stored_ = bytes;
    setPendingInternal(bytes);
}

void ValueDocument::setStored(const QByteArray& bytes) {
    const bool before = hasPendingEdit();
    stored_ = bytes;
    if (hasPendingEdit() != before) emit pendingChanged(hasPendingEdit());
}

void ValueDocument::revert() { setPendingInternal(stored_); }

void ValueDocument::setState(State state) {
    if (state_ == state) return;
    state_ = state;
    emit stateChanged(state);
}

void ValueDocument::setPendingInternal(const QByteArray& bytes) {
    const bool before = hasPendingEdit();
    pending_ = bytes;
    if (hasPendingEdit() != before) emit pendingChanged(hasPendingEdit());
}

}  // namespace meridian::ui

// The editor hover, registered without the rest of `features/hover/register`: that entry also
// brings the definition-preview hover (go-to-symbol, peek views), the glyph-margin hover and the
// hover's accessible views, about 7 KiB gzip the playground never uses. Kept: the content hover
// with its two participants (schema descriptions from monaco-yaml as Markdown, and the markers:
// validation messages), and the keyboard action to show it (Ctrl+K Ctrl+I), as Monaco registers
// them in contrib/hover/browser/hoverContribution.js and hoverActions.js.
import { KeyChord } from 'monaco-editor/base/common/keyCodes.js';
import { EditorAction, registerEditorAction, registerEditorContribution } from 'monaco-editor/editor/browser/editorExtensions.js';
import { Range } from 'monaco-editor/editor/common/core/range.js';
import { EditorContextKeys } from 'monaco-editor/editor/common/editorContextKeys.js';
import { ContentHoverController } from 'monaco-editor/editor/contrib/hover/browser/contentHoverController.js';
import { HoverParticipantRegistry } from 'monaco-editor/editor/contrib/hover/browser/hoverTypes.js';
import { MarkdownHoverParticipant } from 'monaco-editor/editor/contrib/hover/browser/markdownHoverParticipant.js';
import { MarkerHoverParticipant } from 'monaco-editor/editor/contrib/hover/browser/markerHoverParticipant.js';

registerEditorContribution(ContentHoverController.ID, ContentHoverController, 2 /* EditorContributionInstantiation.BeforeFirstInteraction */);
HoverParticipantRegistry.register(MarkdownHoverParticipant);
HoverParticipantRegistry.register(MarkerHoverParticipant);

class ShowOrFocusHoverAction extends EditorAction {
  constructor() {
    super({
      id: 'editor.action.showHover',
      label: { value: 'Show or Focus Hover', original: 'Show or Focus Hover' },
      precondition: undefined,
      kbOpts: {
        kbExpr: EditorContextKeys.editorTextFocus,
        primary: KeyChord(2048 /* KeyMod.CtrlCmd */ | 41 /* KeyCode.KeyK */, 2048 /* KeyMod.CtrlCmd */ | 39 /* KeyCode.KeyI */),
        weight: 100 /* KeybindingWeight.EditorContrib */,
      },
    });
  }

  run(_accessor, editor) {
    if (!editor.hasModel()) return;
    const controller = ContentHoverController.get(editor);
    if (!controller) return;
    if (controller.isHoverVisible) {
      controller.focus();
      return;
    }
    const position = editor.getPosition();
    const range = new Range(position.lineNumber, position.column, position.lineNumber, position.column);
    const screenReader = editor.getOption(2 /* EditorOption.accessibilitySupport */) === 2 /* AccessibilitySupport.Enabled */;
    controller.showContentHover(range, 1 /* HoverStartMode.Immediate */, 2 /* HoverStartSource.Keyboard */, screenReader);
  }
}
registerEditorAction(ShowOrFocusHoverAction);

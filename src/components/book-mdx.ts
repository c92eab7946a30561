// Components the chapters use without importing them (MDX takes them from `export const
// components`). The full-text page passes replacements for the same names, so it can render the
// chapters' content without their playgrounds (it links to them instead).
import Playground from '../playground/Playground.astro';
import OpenInPlayground from '../playground/OpenInPlayground.astro';
import Replay from './Replay.astro';

export const chapterComponents = { Playground, OpenInPlayground, Replay };

import { createContext } from 'react';

/**
 * What an exported chart's file name says about the run it shows, e.g. "ring-iteration-600", so
 * that a folder of exports reads as the experiments they came from. Empty before the first
 * snapshot.
 */
export const FileStampContext = createContext('');

/** The stamp for a data set (or lesson) at an iteration: lower-case words joined by dashes. */
export function fileStamp(subject: string, iteration: number | null): string {
  const words = subject
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const parts = [words, iteration === null ? '' : `iteration-${iteration}`];
  return parts.filter((part) => part !== '').join('-');
}

/** `gan-playground-<view>[-<stamp>].<extension>`. */
export function exportFileName(view: string, stamp: string, extension: string): string {
  return `gan-playground-${view}${stamp === '' ? '' : `-${stamp}`}.${extension}`;
}

import { parsePointer, type PathSegment } from './jsonPointer';

const studentPrefix = ['students', 'student'];

/** Where a pointer lands relative to the student record it is in (if any). */
export interface FieldRef {
  /** Segments below the student record; undefined outside any record. */
  readonly inRecord?: readonly string[];
  readonly segments: readonly string[];
}

const isIndex = (segment: string): boolean => /^(0|[1-9][0-9]*)$/.test(segment);

/** Reads a body pointer: `/students/student/3/name` is field `name` of record `/students/student/3`. */
export function bodyFieldRef(pointer: string): FieldRef {
  const segments = parsePointer(pointer);
  if (segments.length < 2 || segments[0] !== studentPrefix[0] || segments[1] !== studentPrefix[1]) return { segments };
  if (segments.length > 2 && isIndex(segments[2]!)) {
    return { segments, inRecord: segments.slice(3) };
  }
  return { segments, inRecord: segments.slice(2) };
}

/** For pointers that are already relative to one record (the sandbox's per-record check). */
export function recordFieldRef(pointer: string): FieldRef {
  const segments = parsePointer(pointer);
  return { segments, inRecord: segments };
}

/** `school_enrollment.grade_level`, `_extension_data._table_extension[0].name`. */
export function labelOf(segments: readonly PathSegment[]): string {
  let label = '';
  for (const segment of segments) {
    const text = String(segment);
    if (isIndex(text)) label += `[${text}]`;
    else label += (label ? '.' : '') + text;
  }
  return label || 'the payload';
}

/** The data-dictionary spelling PowerSchool uses in results: `name/last_name`. */
export function psFieldOf(segments: readonly PathSegment[]): string {
  return segments.map(String).filter((segment) => !isIndex(segment)).join('/') || 'student';
}

/** Spec key of a field: its path without array indices. */
export function specKeyOf(segments: readonly PathSegment[]): string {
  return segments.map(String).filter((segment) => !isIndex(segment)).join('.');
}

/** For bodies that hold no student records (table records). */
export function rootFieldRef(pointer: string): FieldRef {
  return { segments: parsePointer(pointer) };
}

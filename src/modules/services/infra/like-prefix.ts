/** A division-code prefix for LIKE (codes are digits; anything else is escaped). */
export const likePrefix = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c) + '%';

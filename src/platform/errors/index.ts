export { AppError, isAppError, type ErrorBody } from './app-error.js';
export { errorCodes, type ErrorCode } from './error-codes.js';
export { parseInput } from './parse-input.js';

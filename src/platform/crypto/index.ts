export { loadOrCreateDataKey, parseKey } from './data-key.js';
export { PersonalDataCipher } from './personal-data-cipher.js';
export { maskBankAccount, maskPhone } from './mask.js';

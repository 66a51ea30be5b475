import { registerMessages } from '../../../i18n';
import en from './en.json';
import zh from './zh-CN.json';

registerMessages(zh, en);

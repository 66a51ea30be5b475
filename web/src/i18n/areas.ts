/**
 * The keys of the catalogues that load with their own chunks (registered by each area's `messages/`
 * through `registerMessages`). Type-only imports: nothing here is bundled into the public pages.
 */
import type office from '../office/messages/zh-CN.json';
import type self from '../self/messages/zh-CN.json';
import type cases from '../office/cases/messages/zh-CN.json';
import type desk from '../office/desk/messages/zh-CN.json';
import type funds from '../office/funds/messages/zh-CN.json';
import type insight from '../office/insight/messages/zh-CN.json';
import type admin from '../office/admin/messages/zh-CN.json';
import type exchange from '../office/exchange/messages/zh-CN.json';

export type AreaKey =
  | keyof typeof office
  | keyof typeof self
  | keyof typeof cases
  | keyof typeof desk
  | keyof typeof funds
  | keyof typeof insight
  | keyof typeof admin
  | keyof typeof exchange;

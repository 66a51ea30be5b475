import { z } from 'zod';

/** Add to a list's querystring: `format=xlsx` answers the same list as an .xlsx download. */
export const XlsxFormatQuerySchema = z.object({
  format: z.enum(['json', 'xlsx']).optional().describe('xlsx：以 Excel 文件下载同一列表（同样的筛选条件）'),
});

export const wantsXlsx = (query: { format?: string | undefined }): boolean => query.format === 'xlsx';

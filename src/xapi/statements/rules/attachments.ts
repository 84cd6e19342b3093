import { isMediaType, isSha2Hex } from './formats.ts';
import {
  arrayAt, checkLanguageMap, iriAt, irlAt, numberAt, objectWith, optional, refuse, requireProperty, stringAt,
} from './rule-kit.ts';

const ATTACHMENT_PROPERTIES = ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl'];

/**
 * Attachment metadata (9274 §4.2.2.6). Only the metadata: whether each attachment's bytes arrived
 * (a multipart part with a matching sha2, or a fileUrl) is the statement resource's check.
 */
export function checkAttachments(value: unknown, path: string): void {
  arrayAt(value, path).forEach((item, index) => {
    const at = `${path}[${index}]`;
    const attachment = objectWith(item, at, ATTACHMENT_PROPERTIES);
    iriAt(requireProperty(attachment, 'usageType', at), `${at}.usageType`);
    checkLanguageMap(requireProperty(attachment, 'display', at), `${at}.display`);
    optional(attachment, 'description', at, checkLanguageMap);
    const contentType = stringAt(requireProperty(attachment, 'contentType', at), `${at}.contentType`);
    if (!isMediaType(contentType)) refuse(`${at}.contentType`, `must be an Internet media type such as "text/plain", not "${contentType}"`);
    const length = numberAt(requireProperty(attachment, 'length', at), `${at}.length`);
    if (!Number.isInteger(length) || length < 0) refuse(`${at}.length`, `must be a whole number of octets, not ${length}`);
    const sha2 = stringAt(requireProperty(attachment, 'sha2', at), `${at}.sha2`);
    if (!isSha2Hex(sha2)) refuse(`${at}.sha2`, 'must be the hex SHA-2 (SHA-224, 256, 384 or 512) of the attachment\'s bytes');
    optional(attachment, 'fileUrl', at, irlAt);
  });
}

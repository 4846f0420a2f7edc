// Aliyun region ids (cn-shanghai, ap-southeast-1, cn-shanghai-finance-1): the shape the blocklist pin and the aliyunRegion setting take.

/** Lower-case words joined by hyphens, starting with the area code: cn-shanghai, ap-southeast-1, eu-central-1. */
export const ALIYUN_REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

export const ALIYUN_REGION_RULE = "an Aliyun region id such as cn-shanghai or ap-southeast-1";

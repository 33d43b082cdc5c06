/**
 * Member constraints that the minified API models in aws-sdk/apis/ leave out (lengths, ranges,
 * patterns, enums), keyed by member name; `Operation.Member` keys override for one operation.
 * Enum values are listed in the order DynamoDB prints them in "Member must satisfy enum value set"
 * (recorded by dynalite's tests against live DynamoDB where known; model order otherwise).
 *
 * `pre`: top-level checks DynamoDB runs before the constraint listing
 * ("TableName must be at least 3 characters long and at most 255 characters long").
 */
const NAME = { pattern: '[a-zA-Z0-9_.-]+', min: 3, max: 255 };
const TABLE = { pattern: '[a-zA-Z0-9_.-]+', pre: true, allowsArn: true };

export const MEMBER_CONSTRAINTS = {
  TableName: TABLE,
  IndexName: { ...NAME, preTop: true },
  // A new GSI's name is length-checked before its pattern ('' gets the length error first): live
  // DynamoDB, October 2026 (ack-api-quirks catalogue, DDB-TABLE-457).
  'GlobalSecondaryIndex.IndexName': { ...NAME, preTop: true, lengthFirst: true },
  'CreateGlobalSecondaryIndexAction.IndexName': { ...NAME, preTop: true, lengthFirst: true },
  // An empty key id fails the length rule (CreateTable and UpdateTable; DDB-TABLE-457).
  KMSMasterKeyId: { min: 1 },
  ExclusiveStartTableName: NAME,
  Limit: { minValue: 1 },
  'ListTables.Limit': { minValue: 1, maxValue: 100 },
  Segment: { minValue: 0, maxValue: 999999 },
  TotalSegments: { minValue: 1, maxValue: 1000000 },
  ReadCapacityUnits: { minValue: 1 },
  WriteCapacityUnits: { minValue: 1 },
  KeySchema: { minLen: 1, maxLen: 2 },
  // Multi-attribute GSI keys (November 2025): up to 4 HASH and 4 RANGE elements; the table's and
  // LSIs' KeySchema keep the 2-element limit. Limit message for more than 8 unverified.
  'GlobalSecondaryIndex.KeySchema': { minLen: 1, maxLen: 8 },
  'CreateGlobalSecondaryIndexAction.KeySchema': { minLen: 1, maxLen: 8 },
  // Attribute names are at most 65535 UTF-8 bytes long: a longer one is listed as "Attribute name is
  // too large, must be less than 65536 bytes" (not the API model's length rule), wherever it is an
  // item's or a nested map's key, an ExpressionAttributeNames value or an AttributesToGet element
  // (`attributeNames`: which part of the member holds names; shape-validate.ts). Recorded from
  // DynamoDB: ScyllaDB alternator's AWS-run test_limit_attribute_length_nonkey_bad, and ExtendDB's
  // issue 365 (2026-09-16, the full text). Index projections name at most 255 (NonKeyAttributeName).
  AttributesToGet: { minLen: 1, attributeNames: 'elements' },
  NonKeyAttributes: { minLen: 1, maxLen: 20, elementLen: { min: 1, max: 255 } },
  Item: { attributeNames: 'keys' },
  AttributeUpdates: { attributeNames: 'keys' },
  Expected: { attributeNames: 'keys' },
  KeyConditions: { attributeNames: 'keys' },
  QueryFilter: { attributeNames: 'keys' },
  ScanFilter: { attributeNames: 'keys' },
  'AttributeValue.M': { attributeNames: 'keys' },
  ExpressionAttributeNames: { attributeNames: 'values' },
  AttributeName: { min: 1, max: 255 },
  KeyType: { enum: ['HASH', 'RANGE'] },
  AttributeType: { enum: ['B', 'N', 'S'] },
  ProjectionType: { enum: ['ALL', 'INCLUDE', 'KEYS_ONLY'] },
  BillingMode: { enum: ['PROVISIONED', 'PAY_PER_REQUEST'] },
  ReturnConsumedCapacity: { enum: ['INDEXES', 'TOTAL', 'NONE'] },
  ReturnItemCollectionMetrics: { enum: ['SIZE', 'NONE'] },
  ReturnValues: { enum: ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'] },
  ReturnValuesOnConditionCheckFailure: { enum: ['ALL_OLD', 'NONE'] },
  // Order recorded from DynamoDB by moto's AWS-verified test_select_values_are_case_sensitive.
  Select: { enum: ['SPECIFIC_ATTRIBUTES', 'COUNT', 'ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES'] },
  ConditionalOperator: { enum: ['AND', 'OR'] },
  ComparisonOperator: {
    enum: ['EQ', 'NE', 'IN', 'LE', 'LT', 'GE', 'GT', 'BETWEEN', 'NOT_NULL', 'NULL', 'CONTAINS', 'NOT_CONTAINS', 'BEGINS_WITH'],
  },
  Action: { enum: ['ADD', 'PUT', 'DELETE'] },
  // Print order of live DynamoDB, October 2026 (ack-api-quirks catalogue, DDB-TABLE-457).
  StreamViewType: { enum: ['OLD_IMAGE', 'KEYS_ONLY', 'NEW_AND_OLD_IMAGES', 'NEW_IMAGE'] },
  // TableClass has no enum here: DynamoDB checks it in CreateTable/UpdateTable itself, with its own
  // message ("Invalid table-class parameter provided. ..."), see validateTableClass in
  // src/dynamodb/tables/class-warm-validate.ts.
  SSEType: { enum: ['AES256', 'KMS'] },
  // Both transaction operations echo the list ("Value '[]' at 'transactItems' …"). Since 2026-10-08
  // eu-west-2, eu-north-1 and ap-northeast-2 name TransactWriteItems' list without echo ("Value at
  // 'TransactItems'"); the other 30 regions, us-east-1 included, still echo it, and Eddy follows
  // us-east-1 (conformance captures, transact-write rollout; docs/compatibility.md).
  TransactItems: { minLen: 1, maxLen: 100 },
  // The batch maps are keyed by table names or table ARNs (API reference: "A map of one or more
  // table names or table ARNs"): `allowsArn` on the key rule.
  // BatchGetItem's length errors use the newer wording ("Value at 'RequestItems.t.member.Keys' …")
  // while a bad table name echoes the map as JSON; BatchWriteItem echoes WriteRequest objects and
  // reports a bad table name only when nothing else fails (2026 conformance suite, recorded on
  // DynamoDB us-east-1 and eu-west-2).
  'BatchGetItem.RequestItems': {
    minLen: 1,
    maxLen: 100,
    mapKeys: { pattern: '[a-zA-Z0-9_.-]+', min: 3, max: 255, allowsArn: true },
    generic: true,
    echo: 'json',
  },
  'BatchGetItem.Keys': { minLen: 1, maxLen: 100, generic: true },
  // An empty BatchWriteItem map gets its own sentence from the operation (batch-write-item.ts).
  'BatchWriteItem.RequestItems': {
    maxLen: 25,
    mapKeys: { pattern: '[a-zA-Z0-9_.-]+', min: 3, max: 255, allowsArn: true },
    mapValueLen: { min: 1, max: 25 },
    generic: true,
    echo: 'writeRequests',
    mapKeysAlone: true,
  },
  ClientRequestToken: { min: 1, max: 36 },
  ResourceArn: { min: 1, max: 1283 },
  Key: { attributeNames: 'keys' },
  TagKeys: {},
  // A tag without its Key or Value, or with a 129-character key, is not a listed constraint failure
  // but the tag rule's own "The Tag Key provided is invalid, Key: ..." (src/dynamodb/tables/tags.ts):
  // live DynamoDB, October 2026 (ack-api-quirks catalogue, DDB-TABLE-457, DDB-TABLE-110); the value's
  // length is assumed to follow its key. `optional`: not required in the listing.
  'Tag.Key': { optional: true },
  'Tag.Value': { optional: true },
  Statement: { min: 1, max: 8192 },
  Statements: { minLen: 1, maxLen: 25 },
  TransactStatements: { minLen: 1, maxLen: 100 },
  // Streams
  StreamArn: { min: 37, max: 1024 },
  ShardId: { min: 28, max: 65 },
  ShardIteratorType: { enum: ['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] },
  ShardIterator: { min: 1, max: 2048 },
  SequenceNumber: { min: 21, max: 40 },
  ExclusiveStartShardId: { min: 28, max: 65 },
  ExclusiveStartStreamArn: { min: 37, max: 1024 },
  'GetRecords.Limit': { minValue: 1, maxValue: 1000 },
  'DescribeStream.Limit': { minValue: 1, maxValue: 100 },
  'ListStreams.Limit': { minValue: 1, maxValue: 100 },
};

/**
 * Operation inputs whose constraint errors DynamoDB lists in another order than the model's members
 * (listed members first, in this order). TransactWriteItems reports an over-long ClientRequestToken
 * ahead of an unknown ReturnConsumedCapacity ("2 validation errors detected: Value '…' at
 * 'clientRequestToken' …; Value 'BOGUS' at 'returnConsumedCapacity' …", 2026 conformance suite
 * recorded on DynamoDB us-east-1).
 */
export const MEMBER_ORDER = {
  TransactWriteItems: ['ClientRequestToken'],
};

/**
 * Named structures whose members DynamoDB checks in another order than the model's (listed members
 * first, in this order), wherever the structure appears. Live DynamoDB, October 2026 (ack-api-quirks
 * catalogue, DDB-TABLE-058 and DDB-TABLE-457): ProvisionedThroughput {} or 0/0 reports
 * writeCapacityUnits before readCapacityUnits, AttributeDefinitions [{}] attributeType before
 * attributeName, TimeToLiveSpecification {} attributeName before enabled.
 */
export const SHAPE_MEMBER_ORDER = {
  ProvisionedThroughput: ['WriteCapacityUnits'],
  AttributeDefinition: ['AttributeType'],
  TimeToLiveSpecification: ['AttributeName'],
};

"""moto state for landing documents in S3: a bucket and a KMS key; and what S3 says of an object."""


def bucket_and_key(clients, args):
    s3 = clients("s3")
    s3.create_bucket(Bucket=args["bucket"])
    key = clients("kms").create_key(Description="view360 analytics")["KeyMetadata"]
    return {"key_arn": key["Arn"], "key_id": key["KeyId"]}


def objects(clients, args):
    s3 = clients("s3")
    listing = s3.list_objects_v2(Bucket=args["bucket"], Prefix=args.get("prefix", ""))
    out = {}
    for item in listing.get("Contents", []):
        head = s3.head_object(Bucket=args["bucket"], Key=item["Key"])
        body = s3.get_object(Bucket=args["bucket"], Key=item["Key"])["Body"].read()
        out[item["Key"]] = {"sse": head.get("ServerSideEncryption"),
                            "kms_key": head.get("SSEKMSKeyId"), "size": len(body),
                            "body": body.decode("utf-8")}
    uploads = s3.list_multipart_uploads(Bucket=args["bucket"]).get("Uploads", [])
    return {"objects": out, "pending_uploads": len(uploads)}

"""An independent SigV4: botocore's SigV4Auth signs the request described on
stdin (JSON: method, url, headers, body, access_key, secret_key, region,
timestamp as YYYYmmddTHHMMSSZ); prints the Authorization header it computes."""
import datetime
import json
import sys
from unittest import mock

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

spec = json.load(sys.stdin)
request = AWSRequest(
    method=spec["method"],
    url=spec["url"],
    data=spec["body"].encode() if spec["body"] is not None else None,
    headers=spec["headers"],
)
at = datetime.datetime.strptime(spec["timestamp"], "%Y%m%dT%H%M%SZ")
with mock.patch("botocore.auth.datetime") as fake:
    fake.datetime.utcnow.return_value = at
    fake.datetime.strptime = datetime.datetime.strptime
    SigV4Auth(Credentials(spec["access_key"], spec["secret_key"]), "execute-api", spec["region"]).add_auth(request)
print(request.headers["Authorization"])

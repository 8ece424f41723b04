"""Amazon SES notifier (API v2 ``send_email`` with the raw MIME message).

Raw, not "simple", because only the raw form keeps our multipart/alternative structure and the
Reply-To header exactly as built. boto3 is imported on first use (it is in the Lambda runtime).
"""
from .. import settings
from .base import NotifyError


class SesNotifier:
    def __init__(self):
        self._client = None

    @property
    def client(self):
        if self._client is None:
            import boto3

            self._client = boto3.client("sesv2", region_name=settings.aws_region(),
                                        endpoint_url=settings.aws_endpoint())
        return self._client

    def send(self, message) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        from email.utils import getaddresses, parseaddr

        recipients = [address for _, address in getaddresses(message.get_all("To", []))]
        try:
            self.client.send_email(
                FromEmailAddress=parseaddr(str(message["From"]))[1],
                Destination={"ToAddresses": recipients},
                Content={"Raw": {"Data": message.as_bytes()}})
        except (ClientError, BotoCoreError) as error:
            raise NotifyError(f"ses: {error}") from error

"""Going live on AWS: the CloudFormation for the whole installation (the functions' template from
``chalice package`` merged with the data, mail, site and alarm resources), the response headers
every page is served with, and the upload of a built site to its bucket.

Nothing here is needed to build or preview a site; boto3 and chalice are imported only by the
commands that use them (``civicat deploy …``).
"""

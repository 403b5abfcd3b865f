#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Where tinyaws's credentials and settings come from, compared with Debian's AWS CLI v2
(/usr/bin/aws 2.9.19) byte for byte (exit code, stdout, stderr) wherever it has the source:
the shared config and credentials files and their profiles, the settings a profile carries,
botocore's order (environment keys, the credentials file, the config file, container
credentials, instance metadata), and its error messages. tinyaws's own AWS IoT credentials
provider (mutual TLS) is checked against the endpoint's registry and PKI. Every output of every
run, --debug included, is searched for every secret the run could know.

Expected values come from the AWS CLI's runs, the endpoint's records and the issue's wording,
never from tinyaws's own output.
Usage: test_credentials.py <tinyaws binary>
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clihar import *  # noqa: E402,F401,F403  (run, tinyaws, aws, both, CliTest, ...)
import clihar  # noqa: E402

LIST = ['bedrock', 'list-model-import-jobs']
TMP = tempfile.TemporaryDirectory(prefix='taws-credcli-')
NOFILE = os.path.join(TMP.name, 'no-such-file')
PTOKEN = 'IQoJprofileSessionTokenOfTheTestFiles0123456789'  # a session token only the files hold
CTOKEN = 'tinyaws-container-token'                           # the container endpoint's
TEMP_TOKEN_PREFIX = b'IQoJb3JpZ2lu'                           # every token the endpoint issues
WRONG_AK, WRONG_SK = 'AKIDWRONGWRONGWRONG1', 'wrongSecretKeyWrongSecretKeyWrongSecret1'
SECRETS = [SK, PTOKEN, CTOKEN, WRONG_SK]

# The endpoint's credential servers, beside the AWS endpoint (port 0: ephemeral).
ENDPOINT_ARGS = ('--iot-port', '0', '--container-port', '0', '--imds-port', '0', '--import-jobs', '7',
                 '--ssm-invocations', '0,25', '--async-invokes', '3', '--copy-jobs', '3', '--invocation-jobs', '3')


def write(name, text):
    path = os.path.join(TMP.name, name)
    with open(path, 'w') as f:
        f.write(text)
    return path


def no_keys(**extra):
    """The environment without any credentials, the files pointed at nothing (tests set them)."""
    env = {'AWS_ACCESS_KEY_ID': None, 'AWS_SECRET_ACCESS_KEY': None, 'AWS_SESSION_TOKEN': None,
           'AWS_CONFIG_FILE': NOFILE, 'AWS_SHARED_CREDENTIALS_FILE': NOFILE}
    env.update(extra)
    return env


def files(config='', credentials=''):
    return {'AWS_CONFIG_FILE': write('config', config), 'AWS_SHARED_CREDENTIALS_FILE': write('credentials', credentials)}


KEYS = 'aws_access_key_id = %s\naws_secret_access_key = %s\n' % (AK, SK)
BAD_KEYS = 'aws_access_key_id = %s\naws_secret_access_key = %s\n' % (WRONG_AK, WRONG_SK)


class Cred(CliTest):
    def no_secret(self, *outputs):
        for o in outputs:
            for s in SECRETS:
                self.assertNotIn(s.encode(), o)
            self.assertNotIn(TEMP_TOKEN_PREFIX, o)

    def same(self, args, env, rc=None, endpoint=True):
        """The same exit code, stdout and stderr from tinyaws and the AWS CLI; tinyaws's."""
        kw = {'env': env, 'endpoint': endpoint}
        (rc_t, out_t, err_t), (rc_a, out_a, err_a) = both([(TINYAWS, args, kw), (AWS, args, kw)])
        self.no_secret(out_t, err_t)
        self.assertEqual((rc_t, out_t.decode(errors='replace'), err_t.decode(errors='replace')),
                         (rc_a, out_a.decode(errors='replace'), err_a.decode(errors='replace')))
        if rc is not None:
            self.assertEqual(rc_t, rc, err_t)
        return rc_t, out_t, err_t

    def t(self, args, env, **kw):
        rc, out, err = tinyaws(args, env=env, **kw)
        self.no_secret(out, err)
        return rc, out, err


class Profiles(Cred):
    """The shared files and profiles, as the AWS CLI reads them."""

    def test_default_profile_from_each_file(self):
        for name, env in [('credentials file', files(credentials='[default]\n' + KEYS)),
                          ('config file', files(config='[default]\n' + KEYS)),
                          ('DEFAULT section', files(credentials='[DEFAULT]\n' + KEYS + '[default]\n'))]:
            with self.subTest(name):
                rc, out, _ = self.same(LIST, no_keys(**env), rc=0)
                self.assertIn(b'modelImportJobSummaries', out)

    def test_credentials_file_before_config_file(self):
        env = files(config='[default]\n' + BAD_KEYS, credentials='[default]\n' + KEYS)
        self.same(LIST, no_keys(**env), rc=0)
        env = files(config='[default]\n' + KEYS, credentials='[default]\n' + BAD_KEYS)
        self.same(LIST, no_keys(**env), rc=254)  # the credentials file's keys, refused

    def test_profile_option_skips_environment_keys_aws_profile_does_not(self):
        env = files(config='[profile dev]\nregion = us-east-1\n', credentials='[dev]\n' + KEYS)
        env.update({'AWS_ACCESS_KEY_ID': WRONG_AK, 'AWS_SECRET_ACCESS_KEY': WRONG_SK})
        self.same(LIST + ['--profile', 'dev'], env, rc=0)
        env['AWS_PROFILE'] = 'dev'
        self.same(LIST, env, rc=254)  # the environment's (wrong) keys are used first

    def test_missing_named_profile_is_255_even_with_environment_keys(self):
        env = files(config='[profile dev]\n', credentials='[default]\n' + KEYS)
        for args, extra in [(['--profile', 'nope'], {}), ([], {'AWS_DEFAULT_PROFILE': 'nope'}),
                            (['--profile', 'dev2'], {'AWS_PROFILE': 'dev'})]:
            with self.subTest(args=args, env=extra):
                e = dict(env, **extra)
                rc, _, err = self.same(LIST + args, e, rc=255)
                self.assertIn(b'could not be found', err)
        # a default profile that is in neither file, once named, is missing too
        self.same(LIST + ['--profile', 'default'], dict(files(config='[profile dev]\n'), AWS_PROFILE='dev'), rc=255)
        self.assertEqual(self.stats()['requests'], 0)

    def test_profile_names_as_botocore_splits_them(self):
        env = files(config='[profile "my dev"]\n' + KEYS + '[profile  spaced ]\nregion = us-east-1\n' + KEYS)
        self.same(LIST + ['--profile', 'my dev'], no_keys(**env), rc=0)
        self.same(LIST + ['--profile', 'spaced'], no_keys(**env), rc=0)
        env = files(credentials='[my dev]\n' + KEYS)
        self.same(LIST + ['--profile', 'my dev'], no_keys(**env), rc=0)

    def test_partial_credentials(self):
        for env in [files(credentials='[default]\naws_access_key_id = %s\n' % AK),
                    files(config='[default]\naws_access_key_id = %s\n' % AK)]:
            self.same(LIST, no_keys(**env), rc=255)
        self.same(LIST, no_keys(AWS_ACCESS_KEY_ID=AK), rc=255)
        # a secret alone is no credentials at all
        self.same(LIST, no_keys(**files(credentials='[default]\naws_secret_access_key = %s\n' % SK)), rc=253)

    def test_session_token_from_the_profile_is_sent_and_never_shown(self):
        EP.control('POST', '/__tinyaws/config', {'session_token': PTOKEN})
        try:
            env = files(credentials='[default]\n' + KEYS + 'aws_session_token = %s\n' % PTOKEN)
            self.same(LIST, no_keys(**env), rc=0)
            env = files(credentials='[default]\n' + KEYS + 'aws_security_token = %s\n' % PTOKEN)
            self.same(LIST, no_keys(**env), rc=0)
            rc, out, err = self.t(LIST + ['--debug'], no_keys(**env))
            self.assertEqual(rc, 0, err)
            self.assertIn(b'X-Amz-Security-Token: [redacted]', err)
            self.assertIn(b'found credentials in shared credentials file', err)
        finally:
            EP.control('POST', '/__tinyaws/reset')

    def test_region_order(self):
        cfg = '[default]\nregion = us-east-1\n' + KEYS + '[profile west]\nregion = us-west-2\n' + KEYS
        env = no_keys(AWS_REGION=None, **files(config=cfg))
        self.same(LIST, env, rc=0)  # the profile's region
        self.same(LIST + ['--profile', 'west'], env, rc=254)  # us-west-2: the endpoint refuses the scope
        self.same(LIST + ['--profile', 'west'], dict(env, AWS_DEFAULT_REGION='us-east-1'), rc=0)
        self.same(LIST + ['--region', 'us-east-1'], dict(env, AWS_REGION='us-west-2'), rc=0)
        # the credentials file's region wins over the config file's (botocore merges it over)
        env = no_keys(AWS_REGION=None, **files(config=cfg, credentials='[default]\nregion = us-west-2\n'))
        self.same(LIST, env, rc=254)
        env = no_keys(AWS_REGION=None, **files(config='[DEFAULT]\nregion = us-east-1\n[profile p]\n' + KEYS))
        self.same(LIST + ['--profile', 'p'], env, rc=0)

    def test_output_from_the_profile(self):
        env = no_keys(**files(config='[default]\noutput = text\n' + KEYS))
        rc, out, _ = self.same(LIST, env, rc=0)
        self.assertTrue(out.startswith(b'MODELIMPORTJOBSUMMARIES'), out[:80])
        self.same(LIST, dict(env, AWS_DEFAULT_OUTPUT='json'), rc=0)
        self.same(LIST, no_keys(**files(config='[default]\noutput = bogus\n' + KEYS)), rc=255)

    def test_ca_bundle_from_the_profile(self):
        url = ['--endpoint-url', 'https://localhost:%d' % EP.https]
        env = no_keys(AWS_CA_BUNDLE=None, **files(config='[default]\nca_bundle = %s\n' % EP.ca + KEYS))
        self.same(LIST + url, env, rc=0, endpoint=False)
        # AWS_CA_BUNDLE wins: the system bundle does not know the endpoint's CA
        rc, _, err = self.t(LIST + url, dict(env, AWS_CA_BUNDLE='/etc/ssl/certs/ca-certificates.crt'),
                            endpoint=False)
        self.assertEqual(rc, 255, err)
        self.assertIn(b'SSL validation failed', err)

    def test_retry_settings_from_the_profile(self):
        EP.control('POST', '/__tinyaws/faults', [{'op': 'ListModelImportJobs', 'status': 500}] * 2)
        env = no_keys(**files(config='[default]\nmax_attempts = 1\n' + KEYS))
        rc, _, err = self.t(LIST, env)
        self.assertEqual(rc, 254, err)
        self.assertEqual(self.stats()['requests'], 1)
        EP.control('POST', '/__tinyaws/reset')
        EP.control('POST', '/__tinyaws/faults', [{'op': 'ListModelImportJobs', 'status': 500}] * 2)
        rc, _, err = self.t(LIST, dict(env, AWS_MAX_ATTEMPTS='3'))  # the environment wins
        self.assertEqual(rc, 0, err)  # two failures and a success: three attempts
        for cfg in ['max_attempts = many\n', 'retry_mode = legacy\n']:
            with self.subTest(cfg):
                self.same(LIST, no_keys(**files(config='[default]\n' + cfg + KEYS)), rc=255)
        self.same(LIST, no_keys(AWS_RETRY_MODE='bogus', **files(config='[default]\n' + KEYS)), rc=255)
        self.same(LIST, no_keys(**files(config='[default]\nretry_mode = adaptive\n' + KEYS)), rc=0)

    def test_files_botocore_refuses(self):
        for cfg, both_files in [('[default\n', True), ('region = x\n', False), ('[default]\n[default]\n', False),
                                ('[default]\na = 1\na = 2\n', True), ('[default]\ns3 =\n  no-equals-sign\n', False)]:
            with self.subTest(cfg):
                self.same(LIST, no_keys(**files(config=cfg, credentials='[default]\n' + KEYS)), rc=255)
                if both_files:
                    self.same(LIST, no_keys(**files(credentials=cfg)), rc=255)

    def test_line_longer_than_the_limit_is_refused_naming_file_and_line(self):
        path = write('long-config', '[default]\n' + KEYS + '# ' + 'x' * 70000 + '\n')
        env = no_keys(AWS_CONFIG_FILE=path)
        rc, out, err = self.t(LIST, env)
        self.assertEqual((rc, out), (255, b''))
        self.assertIn(('Unable to parse config file: %s (line 4: ' % path).encode(), err)
        self.assertEqual(self.stats()['requests'], 0)
        rc_a, _, _ = aws(LIST, env=env)
        self.assertEqual(rc_a, 0)  # botocore reads any line; tinyaws's reader is bounded

    def test_home_and_default_paths(self):
        home = os.path.join(TMP.name, 'home')
        os.makedirs(os.path.join(home, '.aws'), exist_ok=True)
        with open(os.path.join(home, '.aws', 'credentials'), 'w') as f:
            f.write('[default]\n' + KEYS)
        with open(os.path.join(home, '.aws', 'config'), 'w') as f:
            f.write('[default]\noutput = text\n')
        env = no_keys(HOME=home, AWS_CONFIG_FILE=None, AWS_SHARED_CREDENTIALS_FILE=None)
        rc, out, _ = self.same(LIST, env, rc=0)
        self.assertTrue(out.startswith(b'MODELIMPORTJOBSUMMARIES'))
        self.same(LIST, dict(env, AWS_SHARED_CREDENTIALS_FILE='~/.aws/credentials'), rc=0)


class Endpoints(Cred):
    """endpoint_url in the config file and [services NAME]: AWS CLI 2.13 reads them, 2.9.19 and
    Debian's botocore 1.29 do not (they would send to AWS itself, so they are not run here).
    tinyaws follows the issue and botocore 1.31's order: --endpoint-url, AWS_ENDPOINT_URL_<SVC>,
    AWS_ENDPOINT_URL, the services section, the profile's endpoint_url."""

    def run_ep(self, cfg, env=None, args=(), isolated=False):
        """tinyaws with cfg in [default]; isolated: in a network namespace of its own (nothing
        reachable), for the cases that resolve AWS's own endpoint (never contacted)."""
        e = dict(BASE_ENV)
        e.update(no_keys(AWS_CA_BUNDLE=EP.ca, **files(config='[default]\n' + KEYS + cfg)))
        e.update(env or {})
        e = {k: v for k, v in e.items() if v is not None}
        cmd = (['unshare', '-n'] if isolated else []) + clihar.WRAPPER + [TINYAWS] + LIST + list(args)
        p = subprocess.run(cmd, capture_output=True, env=e, timeout=120)
        self.no_secret(p.stdout, p.stderr)
        return p.returncode, p.stdout, p.stderr

    def test_order(self):
        good = 'https://localhost:%d' % EP.https
        bad = 'https://localhost:1'
        aws_own = b'"https://bedrock.us-east-1.amazonaws.com/model-import-jobs"'
        svc = '[services s]\nbedrock =\n  endpoint_url = %s\nssm =\n  endpoint_url = %s\n'
        cases = [
            ('endpoint_url = %s\n' % good, {}, [], None),
            ('endpoint_url = %s\nservices = s\n' % bad + svc % (good, bad), {}, [], None),
            ('endpoint_url = %s\nservices = s\n' % good + svc % (bad, good), {}, [], b'localhost:1/'),
            ('endpoint_url = %s\n' % bad, {'AWS_ENDPOINT_URL': good}, [], None),
            ('endpoint_url = %s\n' % good, {'AWS_ENDPOINT_URL': bad, 'AWS_ENDPOINT_URL_BEDROCK': good}, [], None),
            ('endpoint_url = %s\n' % bad, {'AWS_ENDPOINT_URL': bad}, ['--endpoint-url', good], None),
            ('endpoint_url = %s\nignore_configured_endpoint_urls = true\n' % good, {}, [], aws_own),
            ('endpoint_url = %s\n' % good, {'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS': 'TRUE'}, [], aws_own),
        ]
        for cfg, env, args, fails_at in cases:
            with self.subTest(cfg=cfg, env=env, args=args):
                rc, out, err = self.run_ep(cfg, env, args, isolated=fails_at == aws_own)
                if fails_at is None:
                    self.assertEqual(rc, 0, err)
                    self.assertIn(b'modelImportJobSummaries', out)
                else:
                    self.assertEqual(rc, 255, err)
                    self.assertIn(b'Could not connect to the endpoint URL', err)
                    self.assertIn(fails_at, err)



CPATH = '/2016-11-01/credentialprovider/'
ALIAS, THING = 'tinyaws-role-alias', 'tinyaws-thing'


def cport(kind):
    return EP.ready[kind + '_port']


def container(token=CTOKEN, **extra):
    env = no_keys(AWS_CONTAINER_CREDENTIALS_FULL_URI='http://127.0.0.1:%d%s' % (cport('container'), CPATH),
                  AWS_CONTAINER_AUTHORIZATION_TOKEN=token)
    env.update(extra)
    return env


def imds(**extra):
    env = no_keys(AWS_EC2_METADATA_DISABLED=None,
                  AWS_EC2_METADATA_SERVICE_ENDPOINT='http://127.0.0.1:%d/' % cport('imds'))
    env.update(extra)
    return env


def iot(cert='thing-ec.pem', key='thing-ec-key.pem', thing=THING, **extra):
    d = EP.ready['iot_dir']
    env = no_keys(TINYAWS_IOT_CREDENTIALS_ENDPOINT='https://localhost:%d' % cport('iot'),
                  TINYAWS_IOT_ROLE_ALIAS=ALIAS, TINYAWS_IOT_THING_NAME=thing,
                  TINYAWS_IOT_CERT_FILE=os.path.join(d, cert), TINYAWS_IOT_KEY_FILE=os.path.join(d, key))
    env.update(extra)
    return env


class Providers(Cred):
    def setUp(self):
        super().setUp()
        self.assertEqual(EP.control('POST', '/__tinyaws/credentials/reset')[0], 200)

    def cstats(self):
        return EP.control('GET', '/__tinyaws/credentials/stats')[1]

    def static_listing(self, args=LIST):
        rc, out, err = aws(args, env=None)
        self.assertEqual(rc, 0, err)
        return out

    def test_container_credentials_as_the_aws_cli(self):
        self.same(LIST, container(), rc=0)
        self.assertEqual(self.cstats()['container']['issued'], 2)
        self.assertGreaterEqual(self.cstats()['aws']['temporary_accepted'], 2)
        rc, _, err = self.same(LIST, container(token='wrong'), rc=255)
        self.assertIn(b'Error when retrieving credentials from container-role: Error retrieving metadata: '
                      b'Received non 200 response (400)', err)
        rc, out, err = self.t(LIST, container(token='a\nb'))  # never sent
        self.assertEqual((rc, out), (255, b''))
        self.assertEqual(err, b'\nError when retrieving credentials from container-role: Auth token value is not a '
                              b'legal header value\n')  # current botocore's words (2.9.19: its HTTP client's)
        self.assertEqual(aws(LIST, env=container(token='a\nb'))[0], 255)
        # nothing listening: the same start, then each its HTTP client's words
        for rc, _, err in both([(p, LIST, {'env': container(AWS_CONTAINER_CREDENTIALS_FULL_URI='http://127.0.0.1:1/x')})
                                for p in (TINYAWS, AWS)]):
            self.assertEqual(rc, 255)
            self.assertTrue(err.startswith(b'\nError when retrieving credentials from container-role: Error '
                                           b'retrieving metadata: '), err)

    def test_container_host_allow_list_is_current_botocores(self):
        env = container(AWS_CONTAINER_CREDENTIALS_FULL_URI='http://10.1.2.3/creds')
        rc, out, err = self.t(LIST, env)
        self.assertEqual((rc, out), (255, b''))
        self.assertEqual(err, b"\nUnsupported host '10.1.2.3'.  Can only retrieve metadata from a loopback address "
                              b"or one of these hosts: 169.254.170.2, 169.254.170.23, fd00:ec2::23, localhost\n")
        rc_a, _, err_a = aws(LIST, env=env)  # 2.9.19 allows fewer hosts, with older words
        self.assertEqual(rc_a, 255)
        self.assertIn(b"Unsupported host '10.1.2.3'.", err_a)
        # any loopback address is allowed: 127.0.0.2 reaches the endpoint bound to 127.0.0.1 only if
        # it listens there, so only the refusal is compared: none
        self.assertEqual(self.cstats()['container']['requests'], 0)

    def test_token_file_is_preferred_and_read_at_every_fetch(self):
        path = write('token', CTOKEN)
        EP.control('POST', '/__tinyaws/credentials/config', {'container_lifetime': 60})
        env = container(token='wrong', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=path)
        rc, out, err = self.t(LIST + ['--page-size', '2'], env)
        self.assertEqual(rc, 0, err)
        # asked once: tinyaws's check before the listing is the client's first fetch, and 60 s
        # credentials, inside the 300 s refresh window from the start (the provider has nothing
        # fresher), are used until they expire, not asked for again before each of the 4 pages
        # (the file is read again at every fetch: tests/unit/test_cred.c)
        self.assertEqual(self.cstats()['container']['issued'], 1)
        self.assertEqual(self.cstats()['aws']['temporary_accepted'], 4)
        self.assertEqual(self.cstats()['container']['errors'], 0)
        write('token', CTOKEN + '\n')  # as botocore: a line break is no header value
        rc, _, err = self.t(LIST, env)
        self.assertEqual(rc, 255)
        self.assertEqual(err, b'\nError when retrieving credentials from container-role: Auth token value is not a '
                              b'legal header value\n')

    def test_order_of_the_chain(self):
        bad_container = container(token='wrong')
        # environment keys, then the files, before container credentials, before instance metadata
        self.same(LIST, dict(bad_container, AWS_ACCESS_KEY_ID=AK, AWS_SECRET_ACCESS_KEY=SK), rc=0)
        self.same(LIST, dict(bad_container, **files(credentials='[default]\n' + KEYS)), rc=0)
        self.assertEqual(self.cstats()['container']['requests'], 0)
        self.same(LIST, dict(imds(), **container()), rc=0)
        self.assertEqual(self.cstats()['imds']['requests'], 0)
        self.same(LIST, imds(), rc=0)
        self.assertEqual(self.cstats()['imds']['issued'], 2)
        # IoT comes right after the environment keys, before the files
        self.t_ok(dict(iot(), **files(credentials='[default]\n' + BAD_KEYS)))
        rc, _, _ = self.t(LIST, dict(iot(), AWS_ACCESS_KEY_ID=WRONG_AK, AWS_SECRET_ACCESS_KEY=WRONG_SK))
        self.assertEqual(rc, 254)  # the environment's keys first
        self.assertEqual(self.cstats()['iot']['issued'], 1)

    def t_ok(self, env, args=LIST):
        rc, out, err = self.t(args, env)
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, self.static_listing(args))
        return out

    def test_instance_metadata_that_has_nothing(self):
        EP.control('POST', '/__tinyaws/credentials/config', {'imds_role': ''})
        self.same(LIST, imds(), rc=253)
        self.same(LIST, imds(AWS_EC2_METADATA_DISABLED='true'), rc=253)
        self.same(LIST, imds(AWS_EC2_METADATA_SERVICE_ENDPOINT='http://127.0.0.1:1/'), rc=253)
        # without the final "/" (2.9.19 then asks for "...:1latest/api/token" and fails with 255)
        rc, _, err = self.t(LIST, imds(AWS_EC2_METADATA_SERVICE_ENDPOINT='http://127.0.0.1:1'))
        self.assertEqual(rc, 253, err)
        EP.control('POST', '/__tinyaws/credentials/config', {'imds_role': 'tinyaws-instance-role'})
        self.t_ok(imds(AWS_EC2_METADATA_SERVICE_ENDPOINT='http://127.0.0.1:%d' % cport('imds')))

    def test_iot_provider(self):
        for cert, key in [('thing-ec.pem', 'thing-ec-key.pem'), ('thing-rsa.der', 'thing-rsa-key.der'),
                          ('thing-ec.pem', 'thing-ec-key-pkcs8.pem')]:
            with self.subTest(cert=cert, key=key):
                self.t_ok(iot(cert, key))
        self.assertEqual(self.cstats()['iot']['issued'], 3)
        log = EP.control('GET', '/__tinyaws/credentials/log')[1]
        self.assertEqual({e['thing'] for e in log}, {THING})

    def test_iot_provider_refusals(self):
        cases = [(iot(thing='no-such-thing'), b'Error when retrieving credentials from iot: Received non 200 '
                  b'response (403) from the AWS IoT credentials provider: Invalid thing name passed'),
                 (iot('other-ca-ec.pem', 'other-ca-ec-key.pem'), b'Error when retrieving credentials from iot: '),
                 (iot('thing-ec.pem', 'thing2-ec-key.pem'), b'Error when retrieving credentials from iot: The device '
                  b'private key is not the key of the device certificate'),
                 (iot(TINYAWS_IOT_ROLE_ALIAS='other-alias'), b'(404) from the AWS IoT credentials provider: Role '
                  b'alias does not exist'),
                 (iot(TINYAWS_IOT_CERT_FILE=NOFILE), b'Could not read TINYAWS_IOT_CERT_FILE %s' % NOFILE.encode())]
        for env, words in cases:
            with self.subTest(words):
                rc, out, err = self.t(LIST, env)
                self.assertEqual((rc, out), (255, b''), err)
                self.assertIn(words, err)
        self.assertGreaterEqual(self.cstats()['iot']['tls_handshake_failures'], 1)  # the other CA's
        EP.control('POST', '/__tinyaws/credentials/config', {'iot_revoked_things': [THING]})
        rc, _, err = self.t(LIST, iot())
        self.assertEqual(rc, 255)
        self.assertIn(b'Invalid thing name passed', err)
        rc, out, err = self.t(LIST, iot(TINYAWS_IOT_CREDENTIALS_ENDPOINT=None, TINYAWS_IOT_KEY_FILE=None))
        self.assertEqual((rc, out), (253, b''))
        self.assertEqual(err, b'\nThe AWS IoT credentials provider is partly configured: '
                              b'TINYAWS_IOT_CREDENTIALS_ENDPOINT, TINYAWS_IOT_KEY_FILE are not set.\n')
        self.assertEqual(self.stats()['requests'], 0)

    def test_debug_shows_no_secret_of_any_provider(self):
        """--debug prints the providers' requests, never their answers' secrets (a defect the
        first providers had: the credentials documents went to the debug stream whole)."""
        import re
        for env, name in [(iot(), b'iot'), (container(), b'container-role'), (imds(), b'iam-role')]:
            with self.subTest(name):
                rc, out, err = self.t(LIST + ['--debug'], env)  # no_secret: tokens and the container's
                self.assertEqual(rc, 0, err[-500:])
                self.assertIn(b'tinyaws credentials: found credentials from ' + name, err)
                self.assertIn(b'* credentials provider request', err)
                self.assertIsNone(re.search(rb'(?i)secret_?access_?key"?\s*:\s*"', out + err))
                self.assertIn(b'X-Amz-Security-Token: [redacted]', err)

    def test_listing_longer_than_the_credentials_lifetime(self):
        """4-second credentials, a listing of 7 pages that takes longer (a page stalled 5 s): each
        item once, new credentials fetched after the stall, none refused as expired. Inside the
        300 s window from the start, they are asked for again at half time, not before every
        page: 2 fetches (the first, after the stall), a third if a page crossed half time."""
        EP.control('POST', '/__tinyaws/credentials/config', {'iot_lifetime': 4})
        EP.control('POST', '/__tinyaws/faults', [{'op': 'ListModelImportJobs'}] * 2 +
                   [{'op': 'ListModelImportJobs', 'stall_seconds': 5}])
        out = self.t_ok(iot(), LIST + ['--page-size', '1'])
        self.assertEqual(len(json.loads(out)['modelImportJobSummaries']), 7)
        st = self.cstats()
        self.assertGreaterEqual(st['iot']['issued'], 2)
        self.assertLessEqual(st['iot']['issued'], 4)
        self.assertLessEqual(st['aws']['expired_refused'], 1)  # the stalled page's, if any: recovered

    def test_expired_token_exception_recovers(self):
        """Credentials the endpoint expires while the client still believes them (an hour left):
        the refusal (ExpiredTokenException: bedrock 403, SSM 400) makes it fetch new ones and ask
        for the page again; every item once."""
        import time
        ssm = ['ssm', 'describe-maintenance-window-execution-task-invocations'] + ssm_args()
        for args, op in [(LIST + ['--page-size', '2'], 'ListModelImportJobs'),
                         (ssm + ['--page-size', '10'], 'DescribeMaintenanceWindowExecutionTaskInvocations')]:
            with self.subTest(op):
                EP.control('POST', '/__tinyaws/reset')
                EP.control('POST', '/__tinyaws/credentials/reset')
                EP.control('POST', '/__tinyaws/faults', [{'op': op}, {'op': op, 'stall_seconds': 2}])
                env = {k: v for k, v in dict(BASE_ENV, **container()).items() if v is not None}
                p = subprocess.Popen(clihar.WRAPPER + [TINYAWS] + args + [
                    '--endpoint-url', 'https://localhost:%d' % EP.https, '--ca-bundle', EP.ca],
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
                deadline = time.time() + 60
                while self.stats()['requests'] < 2 and time.time() < deadline:
                    time.sleep(0.05)
                EP.control('POST', '/__tinyaws/credentials/expire', {'provider': 'container'})
                out, err = p.communicate(timeout=120)
                self.no_secret(out, err)
                self.assertEqual(p.returncode, 0, err)
                self.assertEqual(out, self.static_listing(args))
                st = self.cstats()
                self.assertEqual(st['aws']['expired_refused'], 1)
                self.assertEqual(st['container']['issued'], 2)


if __name__ == '__main__':
    sys.exit(clihar.main(sys.modules[__name__], ENDPOINT_ARGS))
